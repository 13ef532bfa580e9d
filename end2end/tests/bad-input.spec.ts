// The bad-input corpus (issue 14): malformed requests to every public route and to the server
// functions of citizens, of sign-in and sign-up, and of a holder — invalid UTF-8, null bytes,
// huge, repeated and deeply nested parameters, NaN and Infinity where numbers go, wrong content
// types, truncated bodies and multipart, 2 MB bodies. Each must get a 4xx whose message is French
// (never a 500, never a framework's English), and change nothing in the database.
//
// Runs as project "bad-input", which needs no browser, against a release server of its own that
// playwright.config.ts starts (port 3103, the demo data and an animator on a new database).
// Requests go out through node:http or a bare socket, byte for byte: fetch would fix some of them
// up before they leave.
//
// Every malformed request is otherwise a valid one (the base of its endpoint below): whatever the
// server lets through is then a real write, which the row counts catch. What answers them is
// server/src/limits.rs (size), well_formed.rs (UTF-8, NUL, parameter floods, forms only),
// app::error (arguments a server function cannot read) and each route's own checks.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const PORT = 3103;
const SITE = `http://127.0.0.1:${PORT}`;
// The run's folder (playwright.config.ts makes it, every worker inherits it): the database, and
// what workers share — a failed case ends its worker, and the next one carries on from there.
const FOLDER = process.env.CARTE_E2E_FOLDER!;
const DATABASE = join(FOLDER, 'bad-input.db');
const SHARED = join(FOLDER, 'bad-input.json');
const WRITES = join(FOLDER, 'bad-input-writes.jsonl');
const END2END = resolve(__dirname, '..');
// The demo holder (app/src/data/demo.rs), who exists since the config sets DEMO_PASSWORD.
const HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr';
const DEMO_PASSWORD = 'demo-carte-orientation-28';

/** What the database holds, by table: a malformed request must change none of it. The two
 * revision counters move with every write to initiatives and with what the public sees. */
const COUNTED = ['initiatives', 'initiative_revisions', 'initiative_themes', 'initiative_audiences', 'suggestions',
  'reports', 'accounts', 'account_links', 'invitations', 'charter_signatures', 'audit_log', 'outbox', 'notices',
  'mail_subscriptions', 'tower_sessions'];
const SNAPSHOT = [
  ...COUNTED.map((table) => `SELECT '${table}', count(*) FROM ${table}`),
  `SELECT 'data_revision', revision FROM data_revision`,
  `SELECT 'published_revision', revision FROM published_revision`,
].join(' UNION ALL ');

type Snapshot = Record<string, number>;

function snapshot(): Snapshot {
  const out = execFileSync('/usr/bin/sqlite3', ['-readonly', DATABASE, SNAPSHOT], { encoding: 'utf8' });
  return Object.fromEntries(out.trim().split('\n').map((line) => {
    const [name, value] = line.split('|');
    return [name, Number(value)];
  }));
}

/** The tables and counters that moved between two snapshots, with by how much. */
function moved(before: Snapshot, after: Snapshot): Snapshot {
  return Object.fromEntries(Object.keys(after).filter((k) => after[k] !== before[k]).map((k) => [k, after[k] - before[k]]));
}

// ---------------------------------------------------------------------------------------------
// Requests, byte for byte

interface Answer {
  status: number;
  contentType: string;
  body: string;
}

interface Request {
  method: 'GET' | 'POST';
  /** Path and query exactly as sent (percent escapes included). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Sends the demo holder's session cookie. */
  signedIn?: boolean;
}

let sessionCookie = '';
/** Each case comes from a loopback address of its own (127.77.x.y: Linux routes all of 127/8 to
 * the loopback), so that the limits per address (10 contributions, then one every 6 minutes)
 * never answer 429 in place of the case's own answer. */
let nextAddress = 0;
function ownAddress() {
  const n = nextAddress++;
  return `127.77.${1 + Math.floor(n / 250)}.${2 + (n % 250)}`;
}

/** Sends `request` through node:http; an answer that never ends (an event stream) is cut after
 * a few seconds with what came. */
function send(request: Request, localAddress = ownAddress()): Promise<Answer> {
  return new Promise((done, fail) => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.method === 'POST') headers.origin ??= SITE;
    if (request.signedIn) headers.cookie = sessionCookie;
    if (request.body) headers['content-length'] = String(request.body.length);
    let answered = false;
    const outgoing = http.request(
      { host: '127.0.0.1', port: PORT, method: request.method, path: request.path, headers, localAddress, agent: false },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        const finish = () => {
          outgoing.destroy();
          done({
            status: response.statusCode ?? 0,
            contentType: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          });
        };
        const cut = setTimeout(finish, 5_000);
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => { clearTimeout(cut); finish(); });
        response.on('error', () => { clearTimeout(cut); finish(); });
      },
    );
    outgoing.on('error', (error) => { if (!answered) fail(error); });
    upload(outgoing, request.body ?? Buffer.alloc(0), () => answered);
  });
}

/** Writes `body` as a browser would, a piece at a time, and stops once the server has answered:
 * a server that refuses a 2 MB body at its headers (413) closes the connection, and a client
 * still writing would get EPIPE and lose the answer. */
async function upload(outgoing: http.ClientRequest, body: Buffer, answered: () => boolean) {
  const PIECE = 64 * 1024;
  let at = 0;
  for (; at + PIECE < body.length; at += PIECE) {
    if (!outgoing.write(body.subarray(at, at + PIECE))) {
      await new Promise((r) => { outgoing.once('drain', r); outgoing.once('close', r); });
    }
    await new Promise((r) => setTimeout(r, 5));
    if (answered() || outgoing.destroyed) return;
  }
  outgoing.end(body.subarray(at));
}

/** Sends `bytes` on a bare socket and half-closes it: requests node:http will not send (a body
 * shorter than its Content-Length, raw bytes in the request line). */
function sendRaw(bytes: Buffer, localAddress = ownAddress()): Promise<Answer> {
  return new Promise((done, fail) => {
    const socket = net.connect({ host: '127.0.0.1', port: PORT, localAddress }, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', fail);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const headers = head.split('\r\n');
      const contentType = headers.find((h) => /^content-type:/i.test(h))?.replace(/^content-type:\s*/i, '') ?? '';
      let body = rest.join('\r\n\r\n');
      if (headers.some((h) => /^transfer-encoding:\s*chunked/i.test(h))) body = unchunk(body);
      done({ status: Number(headers[0]?.split(' ')[1] ?? 0), contentType, body });
    });
  });
}

function unchunk(body: string): string {
  let out = '';
  for (let rest = body; ;) {
    const end = rest.indexOf('\r\n');
    const size = parseInt(rest.slice(0, end), 16);
    if (!(size > 0)) return out;
    out += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

// ---------------------------------------------------------------------------------------------
// What a good refusal says

/** The words a person reads in an answer: the message of an error page, the strings of a JSON
 * answer (not its keys), or plain text. */
function message(answer: Answer): string {
  if (/html/.test(answer.contentType)) {
    const page = /class="message-page"[^>]*>([\s\S]*?)<\/div>/.exec(answer.body)?.[1] ?? '';
    return page.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  }
  if (/json/.test(answer.contentType)) {
    const strings: string[] = [];
    const walk = (value: unknown) => {
      if (typeof value === 'string') strings.push(value);
      // A message the server writes in both languages (for English pages): its French.
      else if (value && typeof value === 'object' && 'french' in value) walk(value.french);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    try { walk(JSON.parse(answer.body)); } catch { return answer.body; }
    return strings.join(' ');
  }
  return answer.body;
}

/** French: an accented letter, guillemets, or one of these little words… */
const FRENCH = /[àâçéèêëîïôûùüÿœ«»]|(?:^|[\s'’(])(?:le|la|les|de|des|du|un|une|est|sont|pas|pour|vous|votre|au|aux|ou|et|en|ce|cette|dans|sur|plus|trop|doit|inconnue?|valeurs?)(?=[\s,.:;!?)]|$)/i;
/** …and none of the words of a framework's English error (serde, axum, hyper, server_fn). */
const ENGLISH = /\b(?:failed|error|errors|missing|invalid|unsupported|payload|unauthorized|forbidden|deserializ\w*|expected|found|the|request|body|length|limit)\b/i;

function isFrench(text: string) {
  return FRENCH.test(text) && !ENGLISH.test(text);
}

// ---------------------------------------------------------------------------------------------
// The corpus

interface Case {
  name: string;
  /** The request, or its raw bytes (see `sendRaw`), made when the case runs. */
  request: () => Request | Buffer | Promise<Request | Buffer>;
  /** Why the body need not be French: answered by hyper, before any code of the site runs. */
  beforeTheSite?: string;
}

const cases: Case[] = [];
const get = (name: string, path: string) =>
  cases.push({ name: `GET ${name}`, request: () => ({ method: 'GET', path }) });

const times = (text: string, n: number) => Array.from({ length: n }, () => text).join('&');
const long = (n: number, char = 'a') => char.repeat(n);
/** 60 000 characters: 300 times the longest search, just under hyper's limit on a request line
 * (64 KiB, see the last cases). */
const HUGE_IN_URL = 60_000;

// The views: the map page, the pins, both exports take the same parameters (domain/filters.rs).
for (const route of ['/', '/api/pins', '/api/initiatives.geojson', '/api/initiatives.csv']) {
  const view = (what: string, query: string) => get(`${route} — ${what}`, `${route}?${query}`);
  view('invalid UTF-8 in q', 'q=ateli%FF%FEer');
  view('invalid UTF-8 in bassin', 'bassin=dreux%C3');
  view('overlong UTF-8 encoding of "/" in q', 'q=%C0%AF');
  view('null byte in q', 'q=forum%00');
  view('null byte in kind', 'kind=immersion%00');
  view('null byte in commune', 'commune=28085%00');
  view('q of 60 000 characters', `q=${long(HUGE_IN_URL)}`);
  view('commune of 60 000 characters', `commune=${long(HUGE_IN_URL, '2')}`);
  view('parameter name of 60 000 characters', `${long(HUGE_IN_URL, 'x')}=1`);
  view('bassin repeated 3 000 times', times('bassin=chartres', 3_000));
  view('page repeated 3 000 times', times('page=1', 3_000));
  view('q given twice', 'q=forum&q=atelier');
  view('parameter nested 1 000 brackets deep', `q${'%5Ba%5D'.repeat(1_000)}=1`);
  view('page=NaN', 'page=NaN');
  view('page=Infinity', 'page=Infinity');
  view('page=-1', 'page=-1');
  view('page=1e3', 'page=1e3');
  view('page beyond u64', 'page=99999999999999999999999');
  view('upcoming=NaN', 'upcoming=NaN');
  view('tri unknown', 'tri=%FF');
}

// An initiative's page: its id is a number.
for (const [what, id] of [
  ['invalid UTF-8', '%FF%FE'], ['null byte', '1%00'], ['NaN', 'NaN'], ['Infinity', 'Infinity'], ['-1', '-1'],
  ['beyond i64', '99999999999999999999999'], ['60 000 digits', long(HUGE_IN_URL, '9')],
]) get(`/initiatives/{id} — id ${what}`, `/initiatives/${id}`);

// The event stream: `depuis` is a revision number.
for (const [what, query] of [
  ['depuis=NaN', 'depuis=NaN'], ['depuis=Infinity', 'depuis=Infinity'], ['invalid UTF-8 in depuis', 'depuis=%FF'],
  ['null byte in depuis', 'depuis=1%00'], ['depuis beyond i64', 'depuis=99999999999999999999999'],
  ['depuis given twice', 'depuis=1&depuis=2'],
]) get(`/api/events — ${what}`, `/api/events?${query}`);

// One-click unsubscribing (RFC 8058): anyone may post, the secret is the proof.
const unsubscribe = (what: string, query: string, extra: Partial<Request> = {}) => cases.push({
  name: `POST /api/desabonnement — ${what}`,
  request: () => ({ method: 'POST', path: `/api/desabonnement?${query}`, ...extra }),
});
unsubscribe('unknown secret', 'jeton=inconnu');
unsubscribe('invalid UTF-8 in jeton', 'jeton=%FF%FE');
unsubscribe('null byte in jeton', 'jeton=a%00b');
unsubscribe('jeton of 60 000 characters', `jeton=${long(HUGE_IN_URL)}`);
unsubscribe('jeton given twice', 'jeton=a&jeton=b');
unsubscribe('no jeton', '');
unsubscribe('2 MB body', 'jeton=inconnu', {
  headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(`List-Unsubscribe=${long(2 << 20)}`),
});
get('/api/desabonnement — jeton given twice', '/api/desabonnement?jeton=a&jeton=b');

// Server functions: called as a form posts them (urlencoded, serde_qs names), from the site's
// own origin, asking for JSON. `base` is a valid call; `text` a string argument to spoil.
type Pairs = [string, string][];
interface ServerFn {
  /** The function: its endpoint is /api/{name}. */
  name: string;
  /** A valid call, made when the case runs (a save needs the initiative's latest revision). */
  base: () => Pairs | Promise<Pairs>;
  text: string;
  /** Integer arguments (ids, revisions). */
  numbers?: string[];
  signedIn?: boolean;
  /** Why even the base call is refused: the cases still run, the last test skips it. */
  refused?: string;
}

/** A form that passes validation (the holders' and the suggestion form, domain/holding.rs). */
const FORM: Pairs = [
  ['form[title]', 'Matinée des métiers du soin'],
  ['form[summary]', 'Des lycéens rencontrent des professionnels de la santé pendant une matinée.'],
  ['form[kind]', 'forum-metiers'], ['form[themes][]', 'competences'], ['form[audiences][]', 'lyceens'],
  ['form[commune]', 'Chartres (28000)'], ['form[organisation]', 'CIO de Chartres'],
  ['form[lat]', '48.4469'], ['form[lon]', '1.4892'],
];
/** Set in beforeAll: one of the demo holder's initiatives. */
const held = { id: '0' };
/** A valid secret of a mailed link exists only in a mail. */
const NO_SECRET = 'a valid secret comes only by mail';
let signUps = 0;

const SERVER_FNS: ServerFn[] = [
  // The animator the config creates: sign-in allows 5 attempts per account, then one a minute,
  // and the demo holder signs in once for the holder's cases.
  { name: 'sign_in', base: () => [['email', 'animation.chartres@exemple.fr'], ['password', 'une phrase de passe solide']], text: 'email' },
  {
    // A new address each time: a taken one is answered the same but mails its owner instead.
    name: 'sign_up', text: 'organisation',
    base: () => [['organisation', 'CIO de Chartres'], ['contact_name', 'Camille Martin'],
      ['email', `nouveau.${process.pid}.${signUps++}@exemple.fr`], ['password', 'une phrase de passe solide']],
  },
  { name: 'request_password_reset', base: () => [['email', HOLDER]], text: 'email' },
  { name: 'verify_email', base: () => [['secret', 'inconnu']], text: 'secret', refused: NO_SECRET },
  { name: 'reset_password', base: () => [['secret', 'inconnu'], ['new_password', 'une autre phrase de passe']], text: 'secret', refused: NO_SECRET },
  { name: 'read_invitation', base: () => [['secret', 'inconnu']], text: 'secret', refused: NO_SECRET },
  { name: 'read_subscription', base: () => [['secret', 'inconnu']], text: 'secret', refused: NO_SECRET },
  { name: 'set_subscription', base: () => [['secret', 'inconnu'], ['subscribed', 'false']], text: 'secret', refused: NO_SECRET },
  {
    name: 'report_initiative', text: 'report[comment]', numbers: ['id'],
    base: () => [['id', '1'], ['report[reason]', 'informations-erronees'], ['report[comment]', 'Le numéro de téléphone ne répond plus.'],
      ['report[contact_email]', ''], ['adresse_web', '']],
  },
  { name: 'suggest_initiative', base: () => [...FORM, ['contact_email', ''], ['adresse_web', '']], text: 'form[title]' },
  { name: 'create_initiative', base: () => [['intent', 'draft'], ...FORM], text: 'form[title]', signedIn: true },
  {
    name: 'save_initiative', numbers: ['id', 'base'], text: 'form[title]', signedIn: true,
    base: async () => {
      // From its latest revision: a case the server let through has saved one more.
      const editor = await holderCall('initiative_editor', `id=${held.id}`);
      return [['id', held.id], ['base', String(editor.copy.number)], ['intent', 'draft'], ...FORM];
    },
  },
  { name: 'get_initiative', base: () => [['id', '1']], text: 'id', numbers: ['id'] },
  { name: 'load_map_data', base: () => [['query', 'bassin=dreux']], text: 'query' },
  { name: 'load_summaries', base: () => [['ids[]', '1'], ['ids[]', '2']], text: 'ids[]', numbers: ['ids[]'] },
];

/** Every server function has an endpoint of its own: `/api/{name}`. */
function endpoint(fn: ServerFn) {
  return `/api/${fn.name}`;
}

/** A call of the demo holder's, from the usual address, for what the corpus needs to know. */
async function holderCall(name: string, body: string) {
  const answer = await send({ method: 'POST', path: `/api/${name}`, headers: FORM_TYPE, body: Buffer.from(body), signedIn: true }, '127.0.0.1');
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body);
}

const encode = (pairs: Pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
const replace = (pairs: Pairs, name: string, value: string): Pairs => pairs.map(([n, v]) => [n, n === name ? value : v]);

/** The arguments as a JSON object: `form[themes][]` → `{ "form": { "themes": [...] } }`. */
function asJson(pairs: Pairs) {
  const root: Record<string, any> = {};
  for (const [name, value] of pairs) {
    const keys = name.replace(/\]/g, '').split('[');
    const list = keys.at(-1) === '';
    if (list) keys.pop();
    let node = root;
    for (const key of keys.slice(0, -1)) node = node[key] ??= {};
    const last = keys.at(-1)!;
    if (list) (node[last] ??= []).push(value);
    else node[last] = value;
  }
  return JSON.stringify(root);
}

function multipart(pairs: Pairs, boundary: string) {
  return pairs.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('')
    + `--${boundary}--\r\n`;
}

const JSON_ANSWER = { accept: 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded', ...JSON_ANSWER };
const MULTIPART = { 'content-type': 'multipart/form-data; boundary=limite', ...JSON_ANSWER };

function serverFnCases(fn: ServerFn) {
  const call = (what: string, body: (base: Pairs) => string | Buffer, headers: Record<string, string> = FORM_TYPE) => cases.push({
    name: `POST /api/${fn.name} — ${what}`,
    request: async () => {
      const bytes = body(await fn.base());
      return { method: 'POST', path: endpoint(fn), headers, body: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), signedIn: fn.signedIn };
    },
  });
  const { text } = fn;
  const field = encodeURIComponent(text);
  // Spoiled in its middle, the value stays long enough and well-formed otherwise: a refusal then
  // comes from the spoiling, not from a title too short.
  const MARK = 'QQZZQQ';
  const spoiled = (base: Pairs, inserted: string) => {
    const at = base.findIndex(([n]) => n === text);
    const value = base[at][1];
    const middle = Math.ceil(value.length / 2);
    const marked = base.map(([n, v], i): [string, string] => [n, i === at ? value.slice(0, middle) + MARK + value.slice(middle) : v]);
    return encode(marked).replace(MARK, inserted);
  };
  /** `base` with `padding` after the value of `text`, which keeps its meaning but grows. */
  const grown = (base: Pairs, padding: string) => encode(base.map(([n, v]): [string, string] => [n, n === text ? v + padding : v]));

  call(`invalid UTF-8 (%FF%FE) in ${text}`, (base) => spoiled(base, '%FF%FE'));
  call(`raw byte 0xFF in ${text}`, (base) => {
    const [head, tail] = spoiled(base, MARK).split(MARK);
    return Buffer.concat([Buffer.from(head), Buffer.from([0xff]), Buffer.from(tail)]);
  });
  call(`null byte in ${text}`, (base) => spoiled(base, '%00'));
  call(`${text} of 100 000 characters`, (base) => grown(base, long(100_000)));
  call(`${text} repeated 10 000 times`, (base) => `${encode(base)}&${times(`${field}=a`, 10_000)}`);
  call(`${text} nested 1 000 brackets deep`, (base) => `${encode(base.filter(([n]) => n !== text))}&${field}${'%5Ba%5D'.repeat(1_000)}=a`);
  call('first argument missing', (base) => encode(base.filter(([n]) => n !== base[0][0])));
  call('empty body', () => '');
  for (const number of fn.numbers ?? []) {
    for (const value of ['NaN', 'Infinity', '-Infinity', '1e400', '99999999999999999999999', '0x10', '']) {
      call(`${number}=${value || '(empty)'}`, (base) => encode(replace(base, number, value)));
    }
  }
  if (fn.name.endsWith('_initiative') && fn.text === 'form[title]') {
    for (const [lat, lon] of [['NaN', '1.4892'], ['48.4469', 'Infinity'], ['-Infinity', '-Infinity'], ['1e309', '1e309'],
      ['NaN', 'NaN'], ['48,4469,1', '1.4892']]) {
      call(`coordinates ${lat} ${lon}`, (base) => encode(replace(replace(base, 'form[lat]', lat), 'form[lon]', lon)));
    }
  }
  // A valid call in another dress: a urlencoded form is all these functions take.
  call('no content type', encode, JSON_ANSWER);
  call('text/plain body', encode, { 'content-type': 'text/plain', ...JSON_ANSWER });
  call('JSON body', asJson, { 'content-type': 'application/json', ...JSON_ANSWER });
  call('XML body', () => '<?xml version="1.0"?><a/>', { 'content-type': 'application/xml', ...JSON_ANSWER });
  call('multipart body', (base) => multipart(base, 'limite'), MULTIPART);
  call('truncated multipart', (base) => multipart(base, 'limite').slice(0, -30), MULTIPART);
  call('multipart without boundary', (base) => multipart(base, 'limite'), { 'content-type': 'multipart/form-data', ...JSON_ANSWER });
  call('2 MB body', (base) => grown(base, long(2 << 20)));
  // A body shorter than its Content-Length, the connection half-closed: a client gone mid-upload.
  cases.push({
    name: `POST /api/${fn.name} — body shorter than its Content-Length`,
    request: async () => {
      const body = encode(await fn.base());
      return Buffer.from(`POST ${endpoint(fn)} HTTP/1.1\r\nHost: 127.0.0.1:${PORT}\r\nOrigin: ${SITE}\r\n`
        + 'Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n'
        + (fn.signedIn ? `Cookie: ${sessionCookie}\r\n` : '')
        + `Content-Length: ${body.length + 1000}\r\nConnection: close\r\n\r\n${body}`);
    },
  });
}

// Last, what hyper refuses before any code of the site sees the request: the status only.
const BEFORE = 'hyper answers it with an empty body before the router sees it: the reverse proxy\'s limits come first in production';
function httpCases() {
  cases.push({ name: 'GET / — raw bytes 0xFF in the request line', beforeTheSite: BEFORE,
    request: () => Buffer.concat([Buffer.from('GET /?q='), Buffer.from([0xff, 0xfe]), Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')]) });
  cases.push({ name: 'GET /api/pins — URL of 100 000 characters', beforeTheSite: BEFORE,
    request: () => ({ method: 'GET', path: `/api/pins?q=${long(100_000)}` }) });
}

// ---------------------------------------------------------------------------------------------

/** What every worker of the run shares: the database before the first case, and the demo
 * holder's session (sign-in allows 5 attempts per account, then one a minute) and initiative. */
interface Shared {
  first: Snapshot;
  cookie: string;
  held: typeof held;
}

test.beforeAll(async () => {
  if (!existsSync(SHARED)) writeFileSync(SHARED, JSON.stringify(await prepare()));
  const shared: Shared = JSON.parse(readFileSync(SHARED, 'utf8'));
  sessionCookie = shared.cookie;
  Object.assign(held, shared.held);
});

/** The demo holder signs in; its first initiative. */
async function prepare(): Promise<Shared> {
  const signedIn = await fetch(`${SITE}/api/sign_in`, {
    method: 'POST', headers: { ...FORM_TYPE, origin: SITE }, body: encode([['email', HOLDER], ['password', DEMO_PASSWORD]]),
  });
  expect(signedIn.status, await signedIn.text()).toBe(200);
  sessionCookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0];
  expect(sessionCookie).toMatch(/^carte28_session=/);
  const mine: { id: number }[] = await holderCall('my_initiatives', '');
  return { first: snapshot(), cookie: sessionCookie, held: { id: String(mine[0].id) } };
}

for (const fn of SERVER_FNS) serverFnCases(fn);
httpCases();

for (const c of cases) {
  test(c.name, async () => {
    const request = await c.request();
    const before = snapshot();
    const answer = Buffer.isBuffer(request) ? await sendRaw(request) : await send(request);
    const changes = moved(before, snapshot());
    // Kept for the last check, which allows what the cases wrote and nothing else.
    if (Object.keys(changes).length > 0) appendFileSync(WRITES, `${JSON.stringify(changes)}\n`);
    const seen = `${answer.status} ${answer.contentType} ${answer.body.slice(0, 300)}`;
    expect(answer.status, seen).toBeGreaterThanOrEqual(400);
    expect(answer.status, seen).toBeLessThan(500);
    if (!c.beforeTheSite) expect(isFrench(message(answer)), `a French message, not: ${seen}`).toBe(true);
    expect(changes, 'nothing written').toEqual({});
  });
}

test('the corpus wrote nothing between its cases, nor after them', async () => {
  // A task a request left running would write after the check of its case.
  await new Promise((r) => setTimeout(r, 1_000));
  const { first }: Shared = JSON.parse(readFileSync(SHARED, 'utf8'));
  const expected = { ...first };
  const writes = existsSync(WRITES) ? readFileSync(WRITES, 'utf8').trim().split('\n').filter(Boolean) : [];
  for (const line of writes) for (const [key, n] of Object.entries(JSON.parse(line) as Snapshot)) expected[key] += n;
  expect(snapshot()).toEqual(expected);
});

// Last (it writes): each base call as it is, well formed, is accepted — so that every refusal
// above comes from what its case spoiled, not from a base the server would refuse anyway.
test('every base call is accepted when nothing is spoiled', async () => {
  for (const fn of SERVER_FNS.filter((f) => !f.refused)) {
    const answer = await send({
      method: 'POST', path: endpoint(fn), headers: FORM_TYPE, body: Buffer.from(encode(await fn.base())), signedIn: fn.signedIn,
    });
    expect.soft(answer.status, `${fn.name}: ${answer.body.slice(0, 300)}`).toBe(200);
  }
});
