// How long a person waits for the mail an action sends: from a sign-up (answered once the
// account and its verification mail are written to the outbox; argon2 hashing included) to the
// mail's arrival at a real SMTP server (scripts/smtp-sink.py). The server's mail task reads its
// outbox every second, so the expected delay is 0–1 s plus one SMTP conversation.
//   node bench/mail-latency.mjs http://127.0.0.1:3300 http://127.0.0.1:3326/messages 20
const [base, mailbox, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
const json = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
const ms = (a) => `${Math.round(a)} ms`;

/** Mails received so far for `address`. */
async function received(address) {
  const mails = await (await fetch(mailbox)).json();
  return mails.filter((mail) => mail.to.includes(address)).length;
}

const answers = [];
const delays = [];
for (let run = 0; run < runs; run++) {
  const email = `bench.${Date.now()}.${run}@exemple.fr`;
  const body = new URLSearchParams({ organisation: 'Banc d’essai', contact_name: 'Mesure', email, password: 'une phrase de passe solide' });
  // A new address each run: each sign-up writes one verification mail.
  const start = performance.now();
  const response = await fetch(`${base}/api/sign_up`, { method: 'POST', headers: json, body });
  answers.push(performance.now() - start);
  if (!response.ok) throw new Error(`sign_up answered ${response.status}: ${await response.text()}`);
  while ((await received(email)) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
  delays.push(performance.now() - start);
}
const sorted = (values) => [...values].sort((a, b) => a - b);
const summary = (values) => {
  const s = sorted(values);
  return `median ${ms(s[Math.floor(s.length / 2)])}, p90 ${ms(s[Math.floor(s.length * 0.9)])} (min ${ms(s[0])}, max ${ms(s[s.length - 1])}; ${s.length} runs)`;
};
console.log(`| sign-up answered (the mail written to the outbox, not sent) | ${summary(answers)} |`);
console.log(`| sign-up → its mail received by the SMTP server | ${summary(delays)} |`);
