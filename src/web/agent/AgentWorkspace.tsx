export default function AgentWorkspace() {
  return <main><h1>AgentWorkspace</h1></main>;
}
