// The writer of bench/load.sh: the demo holder signs in once, then saves new drafts through the
// server function the form uses, one after the other, until the deadline; prints its Markdown row
// (requests/s, p50, p99, errors) and a sentence with its count.
// Usage: node bench/load-writer.mjs BASE_URL SECONDS DEMO_PASSWORD
// Each draft is a real write: it moves the data revision, so the pin and facet caches of the
// readers running meanwhile are rebuilt as in real life.
const [base, seconds, password] = process.argv.slice(2);
const HOLDER = 'mission-locale-drouais@demo.carte-orientation-28.fr'; // app/src/data/demo.rs
// Every state-changing request carries the site's own origin (issue 14's CSRF rule).
const headers = { accept: 'application/json', origin: base };

const signedIn = await fetch(`${base}/api/sign_in`, {
  method: 'POST', headers, body: new URLSearchParams({ email: HOLDER, password }),
});
if (signedIn.status !== 200) throw new Error(`sign-in: ${signedIn.status} ${await signedIn.text()}`);
const cookie = signedIn.headers.get('set-cookie').split(';')[0];

const latencies = [];
const failures = new Map();
const deadline = Date.now() + Number(seconds) * 1000;
const started = performance.now();
for (let n = 1; Date.now() < deadline; n++) {
  const form = new URLSearchParams({
    intent: 'draft', 'form[title]': `Brouillon de charge n° ${n}`,
    'form[summary]': 'Des lycéens rencontrent des professionnels de la santé pendant une matinée.',
    'form[kind]': 'forum-metiers', 'form[themes][]': 'competences', 'form[audiences][]': 'lyceens',
    'form[commune]': 'Chartres (28000)', 'form[organisation]': 'Mission Locale du Drouais',
  });
  const t0 = performance.now();
  let outcome;
  try {
    const response = await fetch(`${base}/api/create_initiative`, { method: 'POST', headers: { ...headers, cookie }, body: form });
    await response.arrayBuffer();
    outcome = response.status === 200 ? null : `${response.status}`;
  } catch (error) {
    outcome = error.cause?.code ?? error.message;
  }
  latencies.push(performance.now() - t0);
  if (outcome) failures.set(outcome, (failures.get(outcome) ?? 0) + 1);
}
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
const errors = [...failures.values()].reduce((a, b) => a + b, 0);
const detail = errors ? ` (${[...failures].map(([what, count]) => `${what}: ${count}`).join(', ')})` : '';
console.log(`| writer: drafts through /api/create_initiative | 1 | ${(latencies.length / elapsed).toFixed(0)} `
  + `| ${at(50).toFixed(1)} ms | ${at(99).toFixed(1)} ms | ${errors}${detail} |`);
console.log(`The writer saved ${latencies.length - errors} drafts in ${elapsed.toFixed(1)} s (${errors} errors${detail}).`);
