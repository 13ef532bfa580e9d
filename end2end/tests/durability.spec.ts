// Durability (issue 14): 200 clients write at once — a holder's drafts and submissions,
// citizens' suggestions, an animator's approvals — to a release server this test starts itself,
// which it kills with SIGKILL mid-load at several points. After each kill the file must pass
// `PRAGMA integrity_check` and hold every write a client was told succeeded, each whole (its
// revision, suggestion row, audit line, mails and search row written with it), and nothing the
// clients did not send; restarted, the server must serve them. Needs no browser.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = 3102;
const SITE = `http://127.0.0.1:${PORT}`;
// Relative paths are the config's, from end2end/.
const END2END = resolve(__dirname, '..');
const SERVER = process.env.SERVER_BIN ?? '../target/release/server';
const HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr'; // the demo holder (app/src/data/demo.rs)
const DEMO_PASSWORD = 'demo-carte-orientation-28';
const ANIMATOR = 'animation.chartres@exemple.fr';
const ADMIN_PASSWORD = 'une phrase de passe solide';
const CLIENTS = 200;
/** How long each load runs before the kill: early, in the middle, late. */
const KILL_AFTER_MS = [1000, 2500, 4000];
/** Client `i` does `ROLES[i % 4]` again and again. */
const ROLES = ['draft', 'submit', 'suggest', 'approve'] as const;

/** A new database for each run, in a folder the test makes (the runner loads this file too). */
let database = '';
const env = () => ({
  ...process.env,
  LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
  LEPTOS_SITE_ROOT: '../target/site',
  LEPTOS_SITE_PKG_DIR: 'pkg',
  LEPTOS_OUTPUT_NAME: 'carte-orientation-28',
  LEPTOS_ENV: 'PROD',
  DATABASE_URL: `sqlite://${database}`,
  DEMO_DATA: 'auto',
  TILE_URL: '',
  RUST_LOG: 'warn',
  DEMO_PASSWORD,
  ADMIN_PASSWORD,
  PUBLIC_URL: SITE,
  // Each client comes from an address of its own (X-Forwarded-For), as behind the real proxy:
  // one address would be refused after 10 suggestions.
  TRUSTED_PROXIES: '127.0.0.1',
  SIGN_IN_BURST_PER_ADDRESS: '1000',
});

/** What the server acknowledged (200 and an id), kept across restarts: each must survive every
 * later kill too. */
const acknowledged = {
  drafts: new Map<number, string>(),
  submissions: new Map<number, string>(),
  suggestions: new Map<number, string>(),
  approvals: new Set<number>(),
};
/** Every title sent, acknowledged or not: the database may hold no other (but the demo's). */
const sent = new Set<string>();
/** Acknowledged submissions not yet approved, for the animator's clients. */
let toApprove: number[] = [];

/** One load: its clients stop once `running` is false. */
interface Load {
  running: boolean;
  inFlight: number;
  /** Answers other than 200 and the refusals of a busy server (429, 503), and errors before
   * the kill. */
  unexpected: string[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A server function called as a form would, from the site's own origin. */
function post(endpoint: string, fields: string[][], headers: Record<string, string> = {}) {
  return fetch(`${SITE}/api/${endpoint}`, {
    method: 'POST',
    headers: { accept: 'application/json', origin: SITE, ...headers },
    body: new URLSearchParams(fields),
  });
}

function initiative(title: string): string[][] {
  return [
    ['form[title]', title], ['form[summary]', 'Des lycéens rencontrent des professionnels pendant une matinée.'],
    ['form[kind]', 'forum-metiers'], ['form[themes][]', 'competences'], ['form[audiences][]', 'lyceens'],
    // Chartres: the animator's area.
    ['form[commune]', 'Chartres (28000)'], ['form[organisation]', 'CIO de Chartres'],
  ];
}

async function start(): Promise<ChildProcess> {
  const server = spawn(SERVER, [], { cwd: END2END, env: env(), stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (chunk) => { log += chunk; });
  for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}: ${log}`);
    if (await fetch(`${SITE}/healthz`).then((r) => r.ok, () => false)) return server;
    if (Date.now() > deadline) throw new Error(`no /healthz after 30 s: ${log}`);
  }
}

async function kill(server: ChildProcess) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((done) => server.once('exit', done));
  process.kill(server.pid!, 'SIGKILL');
  await exited;
}

/** The session cookie of a sign-in. Sessions live in the database: one sign-in serves the
 * whole test, across restarts (sign-in is throttled per account). */
async function signIn(email: string, password: string): Promise<string> {
  const response = await post('sign_in', [['email', email], ['password', password]], { 'x-forwarded-for': '10.0.0.1' });
  expect(response.status, await response.text()).toBe(200);
  return response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]).join('; ');
}

/** Client `i` of load number `round`, writing until the load stops. */
async function client(i: number, round: number, load: Load, cookies: { holder: string; animator: string }) {
  // 10.<load + 1>.0.<client + 1>: an address of its own per client and per load (CLIENTS < 255).
  const from = { 'x-forwarded-for': `10.${round + 1}.0.${i + 1}` };
  const role = ROLES[i % ROLES.length];
  for (let n = 0; load.running; n++) {
    const title = `Durabilité ${role} ${round}-${i}-${n}`;
    let request: [string, string[][], Record<string, string>];
    let id: number | undefined;
    if (role === 'approve') {
      id = toApprove.shift();
      if (id === undefined) {
        await sleep(20);
        continue;
      }
      request = ['approve_revision', [['id', String(id)], ['number', '1']], { ...from, cookie: cookies.animator }];
    } else if (role === 'suggest') {
      request = ['suggest_initiative', [...initiative(title), ['contact_email', ''], ['adresse_web', '']], from];
    } else {
      request = ['create_initiative', [['intent', role], ...initiative(title)], { ...from, cookie: cookies.holder }];
    }
    if (role !== 'approve') sent.add(title);
    load.inFlight += 1;
    try {
      const response = await post(...request);
      if (response.status === 200) {
        const answer = await response.json();
        if (role === 'draft') acknowledged.drafts.set(answer.id, title);
        if (role === 'submit') {
          acknowledged.submissions.set(answer.id, title);
          toApprove.push(answer.id);
        }
        if (role === 'suggest') acknowledged.suggestions.set(answer, title);
        if (role === 'approve') acknowledged.approvals.add(id!);
      } else if (response.status === 429 || response.status === 503) {
        // Refused, not acknowledged: an approval goes back to the queue.
        if (id !== undefined) toApprove.push(id);
        await sleep(200);
      } else {
        load.unexpected.push(`${request[0]}: ${response.status} ${await response.text()}`);
      }
    } catch (error) {
      // After the kill, a request that got no whole answer was not acknowledged.
      if (load.running) load.unexpected.push(`${request[0]}: ${error}`);
    } finally {
      load.inFlight -= 1;
    }
  }
}

function sql<Row>(query: string): Row[] {
  const out = execFileSync('/usr/bin/sqlite3', ['-json', database, query], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

interface Written {
  id: number; title: string; status: string; held: number; revisions: number; first_title: string; first_state: string;
  suggestion: number; approval: number; queue_mails: number; decision_mails: number; indexed: string | null;
}

/** The file as the kill left it (read before any restart could repair it). */
function checkFile() {
  expect(sql('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  expect(sql('PRAGMA foreign_key_check'), 'rows whose parent is missing').toEqual([]);
  const rows = sql<Written>(`
    SELECT i.id, i.title, i.status, i.holder_id IS NOT NULL AS held,
      (SELECT COUNT(*) FROM initiative_revisions r WHERE r.initiative_id = i.id) AS revisions,
      r.content ->> '$.title' AS first_title, r.state AS first_state,
      EXISTS (SELECT 1 FROM suggestions s WHERE s.initiative_id = i.id) AS suggestion,
      EXISTS (SELECT 1 FROM audit_log a WHERE a.initiative_id = i.id AND a.action = 'approve') AS approval,
      (SELECT COUNT(*) FROM outbox o WHERE o.recipient = '${ANIMATOR}' AND o.subject = 'À modérer : « ' || i.title || ' »') AS queue_mails,
      (SELECT COUNT(*) FROM outbox o WHERE o.recipient = '${HOLDER}' AND o.subject = 'Publiée : « ' || i.title || ' »') AS decision_mails,
      (SELECT s.title FROM initiatives_search s WHERE s.rowid = i.id) AS indexed
    FROM initiatives i LEFT JOIN initiative_revisions r ON r.initiative_id = i.id AND r.number = 1
    WHERE i.is_demo = 0 ORDER BY i.id`);

  // Nothing half-written: each initiative is whole as the transaction that wrote it left it.
  // Every one has a single revision here, which the row mirrors, published or not.
  const whole = rows.map((row) => ({
    ...row, revisions: 1, first_title: row.title, first_state: row.status,
    suggestion: row.held ? 0 : 1, approval: row.status === 'published' ? 1 : 0,
    queue_mails: row.status === 'draft' ? 0 : 1, decision_mails: row.status === 'published' ? 1 : 0, indexed: row.title,
  }));
  expect(rows, 'initiatives written in part').toEqual(whole);
  expect(rows.filter((row) => !sent.has(row.title)), 'initiatives no client sent').toEqual([]);

  // Every acknowledged write is there.
  const found = new Map(rows.map((row) => [row.id, row]));
  const lost: string[] = [];
  const look = (what: string, id: number, title: string, statuses: string[], held: number) => {
    const row = found.get(id);
    if (row?.title !== title || !statuses.includes(row.status) || row.held !== held) lost.push(`${what} ${id} « ${title} »: ${JSON.stringify(row)}`);
  };
  for (const [id, title] of acknowledged.drafts) look('draft', id, title, ['draft'], 1);
  for (const [id, title] of acknowledged.submissions) {
    look('submission', id, title, acknowledged.approvals.has(id) ? ['published'] : ['pending', 'published'], 1);
  }
  for (const [id, title] of acknowledged.suggestions) look('suggestion', id, title, ['pending'], 0);
  expect(lost, 'acknowledged writes missing').toEqual([]);

  // The next load approves what is still waiting (an approval cut by the kill may have landed).
  toApprove = [...acknowledged.submissions.keys()].filter((id) => found.get(id)!.status === 'pending');
}

/** The restarted server serves what was acknowledged: the approvals on the map, the holder's
 * drafts and submissions in their list (with the session opened before the kills). */
async function checkServed(holder: string) {
  const map = await (await fetch(`${SITE}/api/initiatives.geojson`)).json();
  const published = new Set(map.features.map((feature: { properties: { title: string } }) => feature.properties.title));
  expect([...acknowledged.approvals].filter((id) => !published.has(acknowledged.submissions.get(id))), 'approvals not on the map').toEqual([]);
  const response = await post('my_initiatives', [], { cookie: holder });
  expect(response.status).toBe(200);
  const held = new Map((await response.json()).map((item: { id: number; title: string }) => [item.id, item.title]));
  const mine = [...acknowledged.drafts, ...acknowledged.submissions];
  expect(mine.filter(([id, title]) => held.get(id) !== title), 'drafts and submissions not listed').toEqual([]);
}

test('every acknowledged write survives SIGKILL mid-load, whole, at every kill point', async () => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), 'carte-durability-'));
  database = join(folder, 'durability.db');
  const setup = (...args: string[]) => execFileSync(SERVER, args, { cwd: END2END, env: env(), stdio: 'pipe' });
  setup('seed-demo');
  setup('admin', 'create', '--email', ANIMATOR, '--role', 'animator', '--area', 'chartres');
  let server = await start();
  let passed = false;
  try {
    const cookies = { holder: await signIn(HOLDER, DEMO_PASSWORD), animator: await signIn(ANIMATOR, ADMIN_PASSWORD) };
    for (const [round, after] of KILL_AFTER_MS.entries()) {
      const load: Load = { running: true, inFlight: 0, unexpected: [] };
      const clients = Array.from({ length: CLIENTS }, (_, i) => client(i, round, load, cookies));
      await sleep(after);
      // No request starts after the kill; those under way are cut by it.
      load.running = false;
      const cut = load.inFlight;
      await kill(server);
      await Promise.all(clients);
      expect(load.unexpected.slice(0, 5), `answers of load ${round} (${load.unexpected.length} in all)`).toEqual([]);
      expect(cut, 'requests under way at the kill').toBeGreaterThan(0);

      checkFile();
      server = await start();
      await checkServed(cookies.holder);
    }
    // Each kind of write was acknowledged, so each was checked.
    for (const [kind, writes] of Object.entries(acknowledged)) expect(writes.size, kind).toBeGreaterThan(0);
    test.info().annotations.push({
      type: 'acknowledged',
      description: Object.entries(acknowledged).map(([kind, writes]) => `${writes.size} ${kind}`).join(', '),
    });
    passed = true;
  } finally {
    await kill(server);
    // A failed run keeps its database for a look.
    if (passed) rmSync(folder, { recursive: true });
    else console.log(`database kept: ${database}`);
  }
});
