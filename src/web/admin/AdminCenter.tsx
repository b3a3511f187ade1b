export default function AdminCenter() {
  return <main><h1>AdminCenter</h1></main>;
}
