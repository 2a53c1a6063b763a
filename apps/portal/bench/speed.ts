// `pnpm bench` (portal part): how fast the built portal is on a slow phone. Lighthouse in Debian's
// Chromium loads each page of issue 19's budget from the built API on a fresh database, with
// Lighthouse's mobile profile (4× CPU slowdown, 1.6 Mbps down, 150 ms round trips) both ways it
// applies it: simulated from a real trace (Lighthouse's default, the one the budget is judged by)
// and throttled in the browser (DevTools), and writes the medians to docs/performance-portal.json
// and the portal section of docs/performance.md.
//   --runs 3   loads per page and throttling method (the median is reported)
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createArticle, JOURNEY_PEOPLE, signIn, startJourneyStack, type JourneyStack } from '@studentdesk/testing';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(args.runs);
const BUDGET = { lcpMs: 2_000, ttiMs: 2_000, cls: 0.05, scriptKb: 100 };
const THROTTLING_METHODS = ['simulate', 'devtools'] as const;
type ThrottlingMethod = (typeof THROTTLING_METHODS)[number];
const log = (line: string) => console.log(`[bench:portal] ${line}`);

interface PagePlan {
  name: string;
  path: string;
  /** Signed in as a student (the session cookie on every request), or a visitor. */
  signedIn: boolean;
}

interface Measurement {
  lcpMs: number;
  ttiMs: number;
  cls: number;
  fcpMs: number;
  totalBlockingTimeMs: number;
  scriptKb: number;
  score: number;
}

/** Lighthouse sometimes fails to record a load's trace (NO_NAVSTART) and asks to be run again. */
const ATTEMPTS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The school of the journeys, plus what makes the pages real: a help article, and a ticket with a reply. */
async function startStack(): Promise<{ stack: JourneyStack; ticketPath: string }> {
  const stack = await startJourneyStack({
    portalDist: new URL('../dist/', import.meta.url).pathname,
    prepare: async (prisma) => {
      const login = await prisma.category.findFirstOrThrow({ where: { name: 'Login & accounts' } });
      await createArticle(prisma, {
        slug: 'eduroam-on-android',
        title: 'Eduroam on Android',
        summary: 'Connect to eduroam, step by step.',
        body: '## Steps\n\nChoose **PEAP**, then set the certificate to *Use system certificates*.',
        categoryId: login.id,
        departmentId: login.departmentId,
      });
    },
  });
  const student = await stack.as('amara');
  const staff = await stack.as('staff');
  const { reportProblem } = await student<{ reportProblem: { ticket: { id: string } } }>(
    `mutation($input: ReportProblemInput!) { reportProblem(input: $input) { ticket { id } } }`,
    {
      input: {
        categoryId: stack.categories['Login & accounts'],
        title: 'Cannot sign in to the library computers',
        description: 'It says my password expired, but I changed it yesterday.',
      },
    },
  );
  await staff(`mutation($input: ReplyInput!) { reply(input: $input) { id } }`, {
    input: { ticketId: reportProblem.ticket.id, body: 'Could you tell me your student number? I will reset the library account.' },
  });
  return { stack, ticketPath: `/tickets/${encodeURIComponent(reportProblem.ticket.id)}` };
}

async function measure(url: string, port: number, method: ThrottlingMethod, cookie: string | null, attempt = 1): Promise<Measurement> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    throttlingMethod: method,
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) {
    if (attempt === ATTEMPTS) throw new Error(`Lighthouse could not load ${url}: ${lhr.runtimeError.message}`);
    log(`${method} ${url}: ${lhr.runtimeError.code}, loading it again`);
    return measure(url, port, method, cookie, attempt + 1);
  }
  const value = (audit: string) => {
    const numeric = lhr.audits[audit]?.numericValue;
    if (typeof numeric !== 'number') throw new Error(`Lighthouse gave no ${audit} for ${url}`);
    return numeric;
  };
  const requests = (lhr.audits['network-requests']?.details as { items?: Array<{ resourceType?: string; transferSize?: number }> }).items;
  const scriptBytes = (requests ?? [])
    .filter((item) => item.resourceType === 'Script')
    .reduce((sum, item) => sum + (item.transferSize ?? 0), 0);
  return {
    lcpMs: value('largest-contentful-paint'),
    ttiMs: value('interactive'),
    cls: value('cumulative-layout-shift'),
    fcpMs: value('first-contentful-paint'),
    totalBlockingTimeMs: value('total-blocking-time'),
    scriptKb: scriptBytes / 1024,
    score: lhr.categories.performance?.score ?? 0,
  };
}

function medianOf(measurements: Measurement[]): Measurement {
  const pick = (key: keyof Measurement) => median(measurements.map((measurement) => measurement[key]));
  return {
    lcpMs: pick('lcpMs'),
    ttiMs: pick('ttiMs'),
    cls: pick('cls'),
    fcpMs: pick('fcpMs'),
    totalBlockingTimeMs: pick('totalBlockingTimeMs'),
    scriptKb: pick('scriptKb'),
    score: pick('score'),
  };
}

const withinBudget = (measurement: Measurement) =>
  measurement.lcpMs < BUDGET.lcpMs &&
  measurement.ttiMs < BUDGET.ttiMs &&
  measurement.cls < BUDGET.cls &&
  measurement.scriptKb <= BUDGET.scriptKb;

function markdown(started: Date, results: Array<{ page: PagePlan; method: ThrottlingMethod; median: Measurement }>): string {
  const row = ({ page, method, median: m }: (typeof results)[number]) =>
    `| ${page.name} (\`${page.path.replace(/\/tickets\/.*/, '/tickets/…')}\`) | ${method === 'simulate' ? 'simulated' : 'DevTools'} | ${Math.round(m.fcpMs)} | **${Math.round(m.lcpMs)}** | **${Math.round(m.ttiMs)}** | ${Math.round(m.totalBlockingTimeMs)} | **${m.cls.toFixed(3)}** | ${m.scriptKb.toFixed(1)} | ${Math.round(m.score * 100)} | ${withinBudget(m) ? 'yes' : '**no**'} |`;
  return [
    `Run ${started.toISOString()} · ${cpus().length} cores · Node ${process.version} · Lighthouse mobile profile (4× CPU, 1.6 Mbps, 150 ms RTT) · median of ${runs} cold loads per row · budget: LCP < ${BUDGET.lcpMs} ms, TTI < ${BUDGET.ttiMs} ms, CLS < ${BUDGET.cls}, JavaScript ≤ ${BUDGET.scriptKb} KB on the wire.`,
    '',
    '| Page | Throttling | FCP ms | LCP ms | TTI ms | TBT ms | CLS | JS KB | Score | Budget met |',
    '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --- |',
    ...results.map(row),
  ].join('\n');
}

function writeResults(
  started: Date,
  results: Array<{ page: PagePlan; method: ThrottlingMethod; runs: Measurement[]; median: Measurement }>,
) {
  const docs = new URL('../../../docs/', import.meta.url);
  const run = {
    startedAt: started.toISOString(),
    machine: { cpus: cpus().length, node: process.version, chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    settings: { runs, profile: 'Lighthouse mobile: 4x CPU slowdown, 1.6 Mbps down, 150 ms RTT', budget: BUDGET },
    pages: results.map(({ page, method, runs: all, median: m }) => ({
      page: page.name,
      path: page.path,
      throttling: method,
      median: m,
      runs: all,
      withinBudget: withinBudget(m),
    })),
  };
  writeFileSync(new URL('performance-portal.json', docs), `${JSON.stringify(run, null, 2)}\n`);
  const markdownPath = new URL('performance.md', docs);
  const pattern = /<!-- bench-portal:start[\s\S]*?<!-- bench-portal:end -->/;
  const current = readFileSync(markdownPath, 'utf8');
  if (!pattern.test(current)) throw new Error('docs/performance.md has no bench-portal markers');
  const body = markdown(started, results);
  writeFileSync(
    markdownPath,
    current.replace(
      pattern,
      `<!-- bench-portal:start (written by \`pnpm bench\`; do not edit by hand) -->\n${body}\n<!-- bench-portal:end -->`,
    ),
  );
  console.log(`\n${body}\n`);
  log('wrote docs/performance-portal.json and the portal section of docs/performance.md');
}

const started = new Date();
log('starting the built API with the built portal on a fresh database');
const { stack, ticketPath } = await startStack();
const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const cookie = `sd_session=${await signIn(stack.api, JOURNEY_PEOPLE.amara.email)}`;
  const pages: PagePlan[] = [
    { name: 'My tickets', path: '/', signedIn: true },
    { name: 'Report a problem', path: '/report', signedIn: true },
    { name: 'Report without an account', path: '/report/guest', signedIn: false },
    { name: 'Help centre', path: '/help', signedIn: false },
    { name: 'A ticket', path: ticketPath, signedIn: true },
  ];
  const results: Array<{ page: PagePlan; method: ThrottlingMethod; runs: Measurement[]; median: Measurement }> = [];
  for (const method of THROTTLING_METHODS) {
    for (const page of pages) {
      const measurements: Measurement[] = [];
      for (let run = 1; run <= runs; run += 1) {
        measurements.push(await measure(stack.origin + page.path, chrome.port, method, page.signedIn ? cookie : null));
        const last = measurements.at(-1)!;
        log(
          `${method} ${page.path} run ${run}/${runs}: LCP ${Math.round(last.lcpMs)} ms, TTI ${Math.round(last.ttiMs)} ms, CLS ${last.cls.toFixed(3)}, JS ${last.scriptKb.toFixed(1)} KB`,
        );
      }
      results.push({ page, method, runs: measurements, median: medianOf(measurements) });
    }
  }
  writeResults(started, results);
} finally {
  chrome.kill();
  await stack.stop();
}
