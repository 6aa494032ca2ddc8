// Starts the sfbulk emulator as a standalone process (or uses SFBULK_EMULATOR_URL) and talks to its
// control surface under /_emulator.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const listening = /Emulator listening on (http:\/\/127\.0\.0\.1:\d+)/;
const controlToken = /^ {2}control token: ([0-9a-f]+) /m;

export const credentials = {
  username: process.env.SFBULK_EMULATOR_USERNAME ?? 'admin@sfbulk.test',
  password: process.env.SFBULK_EMULATOR_PASSWORD ?? 'sfbulk-emulator',
  clientId: process.env.SFBULK_EMULATOR_CLIENT_ID ?? 'sfbulk-emulator-client',
  clientSecret: process.env.SFBULK_EMULATOR_CLIENT_SECRET ?? 'sfbulk-emulator-secret',
};

/** The control token of the emulator in use (sent as X-Emulator-Token on every /_emulator call). */
let token = process.env.SFBULK_EMULATOR_TOKEN ?? '';

/**
 * Returns { url, stop }. With SFBULK_EMULATOR_URL set, uses that emulator (and SFBULK_EMULATOR_TOKEN, its printed
 * control token, unless it runs with --open-control); otherwise runs the already built
 * emulator (`dotnet run --no-build`, configuration from SFBULK_EMULATOR_CONFIGURATION, default Debug) on a free port.
 */
export async function startEmulator() {
  if (process.env.SFBULK_EMULATOR_URL) {
    return { url: process.env.SFBULK_EMULATOR_URL.replace(/\/+$/, ''), stop: async () => {} };
  }

  const configuration = process.env.SFBULK_EMULATOR_CONFIGURATION ?? 'Debug';
  const child = spawn(
    'dotnet',
    ['run', '--no-build', '-c', configuration, '--project', path.join(repoRoot, 'src', 'SfBulk.Emulator'), '--', '--port', '0'],
    { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(listening);
      const t = output.match(controlToken);
      if (m && t) {
        clearTimeout(timer);
        token = t[1];
        resolve(m[1]);
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => { output += chunk; });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with code ${code}:\n${output}`));
    });
  });

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = once(child, 'exit');
    // The process group: `dotnet run` and the emulator it started. SIGINT is the emulator's documented stop
    // (Ctrl+C); SIGKILL if it has not exited after 10 s.
    process.kill(-child.pid, 'SIGINT');
    const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { url, stop };
}

/** Calls the control surface; returns { status, body } with body parsed as JSON when there is one. */
export async function control(url, method, route, body) {
  const res = await fetch(`${url}/_emulator/${route}`, {
    method,
    headers: body === undefined ? { 'X-Emulator-Token': token } : { 'X-Emulator-Token': token, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Collects every record of a jsforce record stream. */
export function collect(recordStream) {
  return new Promise((resolve, reject) => {
    const records = [];
    recordStream.on('record', (r) => records.push(r));
    recordStream.on('error', reject);
    recordStream.on('end', () => resolve(records));
  });
}
