import type { Config } from './config.js';

/** What `npm start` prints once the server listens: where each part of the app is, and the demo passwords once. */
export function startBanner(
  config: Pick<Config, 'publicUrl' | 'dataDir' | 'simulator'>,
  database: 'pglite' | 'postgres',
  demo: { created: boolean; users: { role: string; email: string; password: string }[] } | null,
): string {
  const url = config.publicUrl;
  const lines = [
    '',
    `  Switchboard is running on ${url}  (database: ${database === 'pglite' ? `embedded, in ${config.dataDir}` : 'PostgreSQL'})`,
    `    Agent workspace   ${url}/agent`,
    `    Admin center      ${url}/admin`,
    `    Supervisor        ${url}/supervisor`,
    ...(config.simulator ? [`    Twilio simulator  ${url}/simulator`] : []),
    `    API docs          ${url}/api/docs`,
  ];
  if (demo?.created) {
    lines.push('', '  Demo workspace created. These passwords are shown once:');
    for (const u of demo.users) lines.push(`    ${u.role.padEnd(6)} ${u.email}  /  ${u.password}`);
  }
  return lines.join('\n') + '\n';
}
