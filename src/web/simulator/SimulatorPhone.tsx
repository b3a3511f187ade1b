export default function SimulatorPhone() {
  return <main><h1>SimulatorPhone</h1></main>;
}
