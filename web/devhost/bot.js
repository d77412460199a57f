// The scripted reference CompanyBot of the dev host. Pure (no DOM, no timers): given a room event
// and a scenario it returns the messages to post and when, as [{delayMs, event: {type, sender,
// content}}], delays counted from the event. The caller (host.js, or a test) posts them.
//
// It speaks docs/invite-protocol.md, version 1: it answers every m.room.message that carries an
// `app.verji.invite` block and was not sent by itself. Its normal answer is an m.notice that is a
// rich reply to the invite and carries the `app.verji.invite.status` echo block; some scenarios
// deliberately break that (see SCENARIOS). The scenario applies to invites from the admin using the
// widget (`adminUserId`); anybody else's invite (Kari's, in "interleaved") gets the plain success.
//
// Idempotency: a second invite with a request_id the bot has seen, and the same block, is a
// duplicate: the bot answers it at once with the first outcome (re-addressed to the new event). The
// same request_id with a changed block (e.g. a renamed username) is processed afresh.

export const BOT_LOCALPART = 'companybot';

// Scenario ids, in the order the dev host's picker lists them, with a line for people.
export const SCENARIOS = [
  ['success', 'Success'],
  ['email_registered', 'E-mail already registered'],
  ['username_taken', 'Username taken, then success after a rename'],
  ['slow', 'Slow (answers after ~8 s)'],
  ['silent', 'Silent (Processing, then nothing)'],
  ['failure', 'Failure text'],
  ['norwegian', 'Norwegian texts'],
  ['no_relation', 'Reply without any relation (plain m.text, no block)'],
  ['interleaved', "A second admin's request interleaved"],
  ['wrong_sender', 'A status from the wrong sender first'],
  ['rate_limited', '429 on the first send'],
  ['capabilities_denied', 'Capabilities denied'],
];

// The texts the widget understands (docs/invite-protocol.md, "The answers").
export const TEXTS = {
  en: {
    processing: () => 'Processing, please wait...',
    success: () => 'Success',
    email_registered: (email) => `A user is already registered with the following email: ${email}`,
    username_taken: (name) => `UserID '${name}' is already occupied`,
    failed: (reason) => `Failed: ${reason}`,
  },
  nb: {
    processing: () => 'Behandler, vennligst vent...',
    success: () => 'Vellykket',
    email_registered: (email) => `En bruker er allerede registrert med følgende e-post: ${email}`,
    username_taken: (name) => `Brukernavnet '${name}' er allerede i bruk`,
    failed: (reason) => `Feilet: ${reason}`,
  },
};

export const FAILURE_REASON = 'the licence allows no more users';

// Timings (ms after the invite event).
export const TIMING = { processing: 300, outcome: 1500, slow: 8000, duplicate: 200 };

const INVITE_KEY = 'app.verji.invite';
const STATUS_KEY = 'app.verji.invite.status';

// What is wrong with an invite block, or null. The room is not a trusted channel: check again.
export function validateInvite(block) {
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return 'the invite block is not an object';
  if (block.version !== 1) return `unsupported version ${JSON.stringify(block.version)}`;
  if (typeof block.request_id !== 'string' || !/^[0-9a-f]{32}$/.test(block.request_id)) return 'request_id is not 32 hex digits';
  if (typeof block.email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(block.email)) return 'email is not an address';
  if (typeof block.full_name !== 'string' || block.full_name.trim() === '') return 'full_name is empty';
  if (typeof block.phone !== 'string' || (block.phone !== '' && !/^\+[1-9][0-9]{6,14}$/.test(block.phone))) return 'phone is not E.164';
  if (block.verification !== 'sms' && block.verification !== 'email') return 'verification is neither sms nor email';
  if (block.verification === 'sms' && block.phone === '') return 'sms verification without a phone number';
  if (block.user_type !== 'standard' && block.user_type !== 'administrator') return 'user_type is neither standard nor administrator';
  if (typeof block.username_hint !== 'string' || !/^[a-z0-9._=-]+$/.test(block.username_hint)) return 'username_hint is not a localpart';
  return null;
}

// A plausible invite block, for Kari's interleaved request and for tests.
export function sampleInvite(overrides = {}) {
  return {
    version: 1,
    request_id: '6f1c0e8a9b2d4c7e8f00112233445566',
    email: 'ola.nordmann@firma.no',
    full_name: 'Ola Nordmann',
    phone: '+4741234567',
    verification: 'sms',
    user_type: 'standard',
    welcome_message: '',
    username_hint: 'olanordmann',
    lang: 'nb',
    client: 'verji-invite-widget/0.1.0',
    ...overrides,
  };
}

// createBot({server, adminUserId}) -> {userId, plan(event, scenario)}. `plan` remembers what it
// answered (request ids, taken usernames), so one bot serves one room session.
export function createBot({ server, adminUserId }) {
  if (!server) throw new Error('the bot needs the server name');
  const userId = `@${BOT_LOCALPART}:${server}`;
  const seen = new Map(); // request_id -> {fingerprint, outcome: {text, status}}
  const taken = new Set(); // usernames the "username_taken" scenario has refused
  let kariCount = 0;

  const notice = (invite, text, status, msgtype = 'm.notice') => ({
    type: 'm.room.message',
    sender: userId,
    content: {
      msgtype,
      body: text,
      'm.relates_to': { 'm.in_reply_to': { event_id: invite.event_id } },
      [STATUS_KEY]: { version: 1, request_id: invite.content[INVITE_KEY].request_id, ...status },
    },
  });
  const bare = (sender, text, msgtype = 'm.text') => ({
    type: 'm.room.message', sender, content: { msgtype, body: text },
  });
  const at = (delayMs, event) => ({ delayMs, event });

  // The final answer of a request, by scenario: {text, status} (status without version/request_id).
  function outcome(block, scenario, lang) {
    const t = TEXTS[lang];
    if (scenario === 'email_registered') {
      const localpart = block.email.split('@')[0].toLowerCase().replace(/[^a-z0-9._=-]/g, '');
      return {
        text: t.email_registered(block.email),
        status: { state: 'email_registered', email: block.email, user_id: `@${localpart}:${server}`, room_id: `!dm-${localpart}:${server}` },
      };
    }
    if (scenario === 'username_taken') {
      if (taken.size === 0) taken.add(block.username_hint);
      if (taken.has(block.username_hint)) {
        return { text: t.username_taken(block.username_hint), status: { state: 'username_taken', username: block.username_hint } };
      }
    }
    if (scenario === 'failure') {
      return { text: t.failed(FAILURE_REASON), status: { state: 'failed', message: FAILURE_REASON } };
    }
    return { text: t.success(), status: { state: 'success', user_id: `@${block.username_hint}:${server}` } };
  }

  function plan(event, scenario = 'success') {
    if (event?.type !== 'm.room.message' || event.sender === userId) return [];
    const block = event.content?.[INVITE_KEY];
    if (block === undefined) return [];
    if (!SCENARIOS.some(([id]) => id === scenario)) throw new Error(`unknown scenario ${scenario}`);
    if (event.sender !== adminUserId) scenario = 'success';
    const lang = scenario === 'norwegian' ? 'nb' : 'en';
    const t = TEXTS[lang];

    const problem = validateInvite(block);
    if (problem) {
      const requestId = typeof block?.request_id === 'string' ? block.request_id : '';
      const reply = notice({ ...event, content: { [INVITE_KEY]: { request_id: requestId } } }, t.failed(problem), { state: 'failed', message: problem });
      return [at(TIMING.processing, reply)];
    }

    const fingerprint = JSON.stringify(block);
    const before = seen.get(block.request_id);
    if (before && before.fingerprint === fingerprint) {
      const { text, status, plain } = before.outcome;
      return [at(TIMING.duplicate, plain ? bare(userId, text) : notice(event, text, status))];
    }

    const steps = [];
    if (scenario === 'interleaved') {
      kariCount++;
      const kari = `@kari:${server}`;
      const kariBlock = sampleInvite({
        request_id: (block.request_id.slice(0, 24) + String(kariCount).padStart(8, '0')).slice(0, 32),
        email: 'kari.hansen@firma.no', full_name: 'Kari Hansen', phone: '+4790012345', username_hint: 'karihansen',
        welcome_message: '', client: 'verji-invite-widget/0.1.0',
      });
      steps.push(at(100, {
        type: 'm.room.message', sender: kari,
        content: { msgtype: 'm.text', body: 'Invitasjon til Kari Hansen <kari.hansen@firma.no>', [INVITE_KEY]: kariBlock },
      }));
    }
    if (scenario === 'wrong_sender') {
      // Mallory forges a complete, well-formed status: only the sender gives it away.
      const forged = notice(event, TEXTS.en.success(), { state: 'success', user_id: `@${block.username_hint}:${server}` });
      forged.sender = `@mallory:${server}`;
      steps.push(at(150, forged));
    }

    const result = outcome(block, scenario, lang);
    if (scenario === 'no_relation') {
      steps.push(at(TIMING.processing, bare(userId, t.processing())));
      steps.push(at(TIMING.outcome, bare(userId, result.text)));
      seen.set(block.request_id, { fingerprint, outcome: { text: result.text, plain: true } });
      return steps;
    }
    const processing = { text: t.processing(), status: { state: 'processing' } };
    steps.push(at(scenario === 'interleaved' ? 600 : TIMING.processing, notice(event, processing.text, processing.status)));
    if (scenario === 'silent') {
      seen.set(block.request_id, { fingerprint, outcome: processing });
      return steps;
    }
    const when = scenario === 'slow' ? TIMING.slow : scenario === 'interleaved' ? 2000 : TIMING.outcome;
    steps.push(at(when, notice(event, result.text, result.status)));
    seen.set(block.request_id, { fingerprint, outcome: result });
    return steps;
  }

  return { userId, plan };
}
