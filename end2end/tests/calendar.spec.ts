// Calendars: a counsellor subscribes to the dated initiatives of a view, a pupil adds one forum
// to their phone's calendar, and a subscribed calendar learns of a published change. Every feed
// is read with Mozilla's ical.js, a parser independent of the crate that writes it.
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { expect, PASSWORD, publishedFeatures, serverFn, signUp, test, waitForHydration, type Page } from './fixtures';
import type { APIRequestContext } from '@playwright/test';

// The animator of Dreux (created by playwright.config.ts's server command).
const DREUX = 'animation.dreux@exemple.fr';

interface Event {
  uid: string; summary: string; start: string; startIsDate: boolean; end: string; sequence: number; url: string;
  location: string; zone: string | undefined; utcStart: string; occurrences: string[];
}

/** The events of an iCalendar text, as ical.js reads them (it throws on what is not RFC 5545). */
function parse(text: string): Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe('vcalendar');
  // The zones the feed defines, so that its times are read in them (not as floating times).
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      startIsDate: event.startDate.isDate,
      end: event.endDate.toString(),
      sequence: event.sequence,
      url: String(component.getFirstPropertyValue('url')),
      location: event.location,
      zone: event.startDate.zone?.tzid,
      utcStart: event.startDate.toJSDate().toISOString(),
      occurrences: occurrences(event),
    };
  });
}

/** The starts of an event's occurrences (its repetitions, each day of a forum), at most 10. */
function occurrences(event: ICAL.Event): string[] {
  const starts: string[] = [];
  const iterator = event.iterator();
  for (let next = iterator.next(); next && starts.length < 10; next = iterator.next()) starts.push(next.toString());
  return starts;
}

async function feed(request: APIRequestContext, query = ''): Promise<Event[]> {
  const response = await request.get(`/api/evenements.ics${query}`);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  return parse(await response.text());
}

const idOf = (event: Event) => Number(/^initiative-(\d+)@/.exec(event.uid)![1]);

test('the map offers its view as a calendar, which holds exactly the view\'s dated initiatives', async ({ page, request, baseURL }) => {
  await page.goto('/?bassin=dreux');
  await waitForHydration(page);
  const host = new URL(baseURL!).host;
  await expect(page.getByRole('link', { name: "S'abonner à ce calendrier" }))
    .toHaveAttribute('href', `webcal://${host}/api/evenements.ics?bassin=dreux`);
  await expect(page.getByRole('link', { name: 'fichier iCal' })).toHaveAttribute('href', '/api/evenements.ics?bassin=dreux');

  const dreux = await feed(request, '?bassin=dreux');
  expect(dreux.some((e) => e.startIsDate) && dreux.some((e) => !e.startIsDate), 'events with hours and without').toBe(true);
  const dated = (await publishedFeatures(request)).filter((f) => f.properties.bassin_code === 'dreux' && f.properties.start_date);
  expect(dreux.length).toBeGreaterThan(0);
  expect(dreux.map(idOf).sort()).toEqual(dated.map((f) => f.id).sort());
  for (const event of dreux) {
    const feature = dated.find((f) => f.id === idOf(event))!;
    expect(event.summary).toBe(feature.properties.title);
    const { start_date: day, start_time: opens } = feature.properties;
    if (opens) {
      // Its hours, in Paris time.
      expect(event).toMatchObject({ startIsDate: false, start: `${day}T${opens}:00`, zone: 'Europe/Paris' });
    } else {
      expect(event, 'whole days').toMatchObject({ startIsDate: true, start: day });
    }
    expect(event.url).toBe(`${baseURL}${feature.properties.url}`);
    expect(event.location).toContain(feature.properties.commune);
  }
  // The whole department's feed holds Dreux's events among others.
  const all = await feed(request);
  expect(all.length).toBeGreaterThan(dreux.length);
  expect(all.map((e) => e.uid)).toEqual(expect.arrayContaining(dreux.map((e) => e.uid)));
});

test('a dated initiative\'s page adds it to one\'s own calendar; a permanent offer has no such link', async ({ page, request }) => {
  const features = await publishedFeatures(request);
  const forum = features.find((f) => f.properties.start_date && !f.properties.start_time)!;
  const permanent = features.find((f) => !f.properties.start_date)!;
  await page.goto(forum.properties.url);
  await waitForHydration(page);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Ajouter à mon agenda' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`initiative-${forum.id}.ics`);
  const [event] = parse(readFileSync((await download.path())!, 'utf8'));
  expect(event.summary).toBe(forum.properties.title);
  expect(event.start).toBe(forum.properties.start_date);
  // The same event as in the feeds: a calendar that has both keeps one.
  expect((await feed(request)).find((e) => e.uid === event.uid)?.summary).toBe(forum.properties.title);

  await page.goto(permanent.properties.url);
  await waitForHydration(page);
  await expect(page.getByText('Offre permanente')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ajouter à mon agenda' })).toHaveCount(0);
});

/** Sends the holder's form as `save_initiative` (or `create_initiative` without `id`). */
async function submit(holder: Page, title: string, saved?: { id: number; base: number }, hours: Record<string, string> = {}) {
  const response = await holder.request.post(saved ? '/api/save_initiative' : '/api/create_initiative', {
    form: {
      ...(saved ? { id: String(saved.id), base: String(saved.base) } : {}),
      intent: 'submit', 'form[title]': title,
      'form[summary]': 'Des entreprises du Drouais recrutent en alternance, toute une journée.',
      'form[kind]': 'forum-metiers', 'form[themes][]': 'ecole-entreprise', 'form[audiences][]': 'lyceens',
      'form[commune]': 'Dreux (28100)', 'form[lat]': '48.7370', 'form[lon]': '1.3660',
      'form[address]': 'Palais des sports, rue de Châteaudun', 'form[organisation]': 'Lycée Rotrou',
      'form[start_date]': '2027-05-12', 'form[end_date]': '2027-05-13', ...hours,
    },
    headers: serverFn(),
  });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as { id: number; number: number };
}

test('a subscribed calendar learns of a change once moderation publishes it', async ({ people, request }) => {
  // A holder of its own: other files count the demo holder's initiatives.
  const holder = await people.anonymous();
  await signUp(holder, { organisation: 'Lycée Rotrou' });
  const animator = await people.signedIn(DREUX, PASSWORD, '/moderation');
  const approve = async (id: number, number: number) => {
    const approved = await animator.request.post('/api/approve_revision', { form: { id: String(id), number: String(number) }, headers: serverFn() });
    expect(approved.status(), await approved.text()).toBe(200);
  };
  const title = `Forum de l'alternance du Drouais ${Date.now()}`;
  const { id } = await submit(holder, title);
  const eventOf = async () => (await feed(request, '?bassin=dreux')).find((e) => idOf(e) === id);
  expect(await eventOf(), 'not public before moderation').toBeUndefined();
  await approve(id, 1);
  const first = (await eventOf())!;
  expect(first).toMatchObject({ summary: title, start: '2027-05-12', end: '2027-05-14', sequence: 0 });
  expect(first.location).toBe('Palais des sports, rue de Châteaudun, Dreux');

  // The new edition has hours, each day's (« 9h30 » as typed where the browser has no picker).
  const renamed = `${title} — édition de mai`;
  const hours = { 'form[start_time]': '9h30', 'form[end_time]': '17:00' };
  const { number } = await submit(holder, renamed, { id, base: 1 }, hours);
  expect((await eventOf())!.summary, 'a change waiting for moderation is not public').toBe(title);
  await approve(id, number);
  const second = (await eventOf())!;
  expect(second.uid).toBe(first.uid);
  expect(second).toMatchObject({ summary: renamed, sequence: 1, startIsDate: false, zone: 'Europe/Paris' });
  expect(second.start).toBe('2027-05-12T09:30:00');
  expect(second.utcStart, 'summer time in Paris: UTC+2').toBe('2027-05-12T07:30:00.000Z');
  expect(second.end).toBe('2027-05-12T17:00:00');
  expect(second.occurrences).toEqual(['2027-05-12T09:30:00', '2027-05-13T09:30:00']);

  // The page and the list say the same.
  const citizen = await people.anonymous();
  await citizen.goto(`/initiatives/${id}`);
  await expect(citizen.getByText('Du 12 mai 2027 au 13 mai 2027, de 9 h 30 à 17 h')).toBeVisible();
  await citizen.goto(`/?q=${encodeURIComponent(renamed)}`);
  await expect(citizen.locator('#liste').getByText('Du 12 mai 2027 au 13 mai 2027, de 9 h 30 à 17 h')).toBeVisible();
});
