#!/usr/bin/env node
/*
 * tests/a11y/run.mjs - the accessibility check of every Bered page in a real
 * browser (make a11y; not part of make check).
 *
 * Loads the demo into a fresh database, starts `bered serve` on an
 * ephemeral port, logs in as each role, visits every page (lists with
 * filters and page 2, every case page the role can see, the board pages,
 * the admin pages, the error states of the forms and refused moves) and
 * runs axe-core with the WCAG 2.0/2.1 A and AA rules on each. It also checks
 * the raw HTML with tidy (when installed) and tabs through pages to see that
 * every focused element shows a focus indicator. Any finding fails the run.
 *
 *   node tests/a11y/run.mjs [--bered build/bered] [--chromium PATH]
 *                           [--shots DIR] [--quick] [--verbose]
 *
 * --shots DIR also saves screenshots (1280 px, 375 px, print) of one page of
 * each kind, for looking at the layout. --quick visits fewer case pages.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const PASSWORD = 'demo-losen-2026';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ROLES = [
	['ledamot.kalmar@demo.bered.se', 'ledamot (kommun)'],
	['ledamot.fk@demo.bered.se', 'ledamot (FK)'],
	['kansli@demo.bered.se', 'kansli'],
	['styrelse@demo.bered.se', 'styrelse'],
	['esf-kansli@demo.bered.se', 'esf-kansli'],
	['nationell@demo.bered.se', 'nationell'],
	['admin@demo.bered.se', 'admin'],
];
const PAGES = ['/', '/arenden', '/arenden?kind=esf', '/arenden?kind=finsam' +
	'&state=genomforande', '/arenden/ny', '/behov', '/utlysningar',
	'/uppfoljning', '/uppfoljning?lan=08', '/arenden?fu=finsam-beviljade',
	'/arenden?fu=esf-agare-kommun', '/konto', '/styrelse', '/budget',
	'/forbund', '/anvandare', '/logg', '/utkorg', '/beredningsgrupp',
	'/sok?q=arbets', '/sok?q=', '/uppfoljning?per=kvartal'];
/* tidy 5.6 predates ARIA 1.1 and HTML 5.2: these are not errors. */
const TIDY_IGNORE = [/proprietary attribute "aria-current"/,
	/proprietary attribute "inputmode"/, /proprietary attribute "role"/];

function args() {
	const o = { bered: 'build/bered', chromium: process.env.CHROMIUM ||
		'/usr/bin/chromium', shots: null, quick: false, verbose: false };
	const a = process.argv.slice(2);
	for (let i = 0; i < a.length; i++) {
		if (a[i] === '--quick') o.quick = true;
		else if (a[i] === '--verbose') o.verbose = true;
		else if (['--bered', '--chromium', '--shots'].includes(a[i]))
			o[a[i].slice(2)] = a[++i];
		else throw new Error('unknown argument ' + a[i]);
	}
	return o;
}

const opt = args();
const findings = [];
let visited = 0;

function fail(where, what) {
	findings.push(where + ': ' + what);
	console.log('  FAIL ' + where + ': ' + what);
}

/* Loads the demo and starts the server; resolves to its base URL. */
function startServer(dir) {
	const db = path.join(dir, 'bered.db');
	const d = spawnSync(opt.bered, ['demo', '--db', db], { encoding: 'utf8' });
	if (d.status !== 0)
		throw new Error('bered demo failed: ' + d.stderr);
	const srv = spawn(opt.bered, ['serve', '--db', db, '--listen',
		'127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	srv.stderr.on('data', (b) => { log += b; });
	return new Promise((resolve, reject) => {
		let out = '';
		srv.stdout.on('data', (b) => {
			out += b;
			const m = /listening on (http:\/\/\S+)/.exec(out);
			if (m) resolve({ srv, base: m[1], log: () => log });
		});
		srv.on('exit', (c) => reject(new Error('bered serve exited ' + c +
			': ' + log)));
	});
}

function tidy(html, where) {
	const t = spawnSync('tidy', ['-e', '-q', '--show-warnings', 'yes'],
		{ input: html, encoding: 'utf8' });
	/* An attribute escaped twice: aria-current=&quot;step&quot;. */
	if (/<[^>]*=&quot;/.test(html)) fail(where, 'attribute quotes escaped twice');
	if (t.error) return; /* tidy not installed: skipped */
	for (const line of (t.stderr || '').split('\n')) {
		if (!/(Warning|Error):/.test(line)) continue;
		if (TIDY_IGNORE.some((re) => re.test(line))) continue;
		fail(where, 'tidy: ' + line.trim());
	}
}

async function axe(page, where, rules) {
	if (!await page.evaluate(() => !!window.axe)) await page.evaluate(AXE);
	const only = rules ? { type: 'rule', values: rules } :
		{ type: 'tag', values: TAGS };
	const res = await page.evaluate((only) => window.axe.run(document,
		{ runOnly: only, resultTypes: ['violations'] }), only);
	for (const v of res.violations) {
		const nodes = v.nodes.slice(0, 3).map((n) => n.target.join(' '));
		fail(where, `axe ${v.id} (${v.impact}): ${v.help} [${nodes.join(
			' | ')}${v.nodes.length > 3 ? ' …' : ''}]`);
	}
}

/*
 * Tabs through the page from the top: every focused element must show an
 * outline or shadow, and no tabindex above 0 may reorder the focus.
 */
async function keyboard(page, where) {
	const pos = await page.$$eval('[tabindex]', (els) => els.filter((e) =>
		e.tabIndex > 0).length);
	if (pos > 0) fail(where, `${pos} elements with tabindex > 0`);
	await page.evaluate(() => { document.activeElement?.blur();
		window.scrollTo(0, 0); });
	const seen = new Set();
	for (let i = 0; i < 400; i++) {
		await page.keyboard.press('Tab');
		const f = await page.evaluate(() => {
			const e = document.activeElement;
			if (!e || e === document.body) return null;
			const s = getComputedStyle(e);
			const r = e.getBoundingClientRect();
			const line = s.outlineStyle !== 'none' &&
				parseFloat(s.outlineWidth) >= 2;
			return { id: e.outerHTML.slice(0, 80), shown: line ||
				s.boxShadow !== 'none', box: r.width > 0 && r.height > 0 &&
				r.bottom > 0 && r.top < innerHeight };
		});
		if (f === null || seen.has(f.id)) break;
		seen.add(f.id);
		if (!f.shown) fail(where, 'no visible focus on ' + f.id);
		if (!f.box) fail(where, 'focused element off screen: ' + f.id);
	}
}

function slug(p) {
	return p.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '_') || 'start';
}

/* The whole page as tiles of at most h pixels: NAME-KIND-1.png, ... */
async function tiles(page, name, kind, h) {
	const { w, total } = await page.evaluate(() => ({ w: document.
		documentElement.scrollWidth, total: document.documentElement.
		scrollHeight }));
	for (let y = 0, i = 1; y < total && i <= 8; y += h, i++) {
		await page.screenshot({ path: path.join(opt.shots,
			`${name}-${kind}-${i}.png`), fullPage: true, clip: { x: 0, y,
			width: w, height: Math.min(h, total - y) } });
	}
}

/*
 * Screenshots at 1280 px, 375 px and in print emulation (A4 width), and
 * the check that nothing but a table's own scroll frame is wider than a
 * 320 px screen (WCAG 1.4.10, reflow).
 */
async function narrow(page, where) {
	await page.setViewportSize({ width: 320, height: 800 });
	const wide = await page.evaluate(() => document.documentElement.
		scrollWidth - innerWidth);
	if (wide > 0) fail(where, `${wide} px wider than a 320 px screen`);
	await axe(page, where + ' (320 px)', ['scrollable-region-focusable']);
	await page.setViewportSize({ width: 1280, height: 900 });
}

async function shots(page, name) {
	if (opt.shots) {
		fs.mkdirSync(opt.shots, { recursive: true });
		await page.setViewportSize({ width: 375, height: 800 });
		await tiles(page, name, 'mobile', 1400);
		await page.setViewportSize({ width: 1280, height: 900 });
		await tiles(page, name, 'desktop', 1400);
		await page.emulateMedia({ media: 'print' });
		await page.setViewportSize({ width: 794, height: 1123 });
		await tiles(page, name, 'print', 1123);
		await page.emulateMedia({ media: 'screen' });
	}
}

/* Audits the page now shown; resp is the navigation's response. */
async function audit(page, resp, where, o = {}) {
	visited++;
	if (opt.verbose) console.log('  ' + where + ' ' + (resp ? resp.status()
		: '-'));
	if (!resp) {
		fail(where, 'no response');
		return;
	}
	if (resp.status() >= 500) fail(where, 'HTTP ' + resp.status());
	const ct = resp.headers()['content-type'] || '';
	if (!ct.startsWith('text/html')) return;
	tidy(await resp.text(), where);
	await axe(page, where);
	await narrow(page, where);
	if (o.keys) await keyboard(page, where);
	if (o.shot) await shots(page, o.shot);
}

async function visit(page, base, p, where, o) {
	const resp = await page.goto(base + p);
	await audit(page, resp, where + ' GET ' + p, o);
	return resp;
}

/* The hrefs on the page matching re, in order, without repeats. */
async function links(page, re) {
	const all = await page.$$eval('a[href]', (as) => as.map((a) =>
		a.getAttribute('href')));
	return [...new Set(all.filter((h) => re.test(h)))];
}

/*
 * Submits the n-th form matching sel as a browser would, with every text
 * field emptied (or set from fill) and the browser's own validation off,
 * so that the server's error page is what is audited.
 */
async function submit(page, sel, n, fill, where, o = {}) {
	const forms = await page.$$(sel);
	if (forms.length <= n) {
		fail(where, 'no form ' + sel);
		return null;
	}
	await forms[n].evaluate((f, fill) => {
		f.noValidate = true;
		for (const e of f.elements) {
			if (fill[e.name] !== undefined) {
				if (e.type === 'checkbox') e.checked = !!fill[e.name];
				else e.value = fill[e.name];
			} else if (/^(text|email|number|date|password|textarea)$/.test(
				e.type)) {
				e.value = '';
			}
		}
		if (fill._action) f.action = fill._action;
	}, fill || {});
	const [resp] = await Promise.all([page.waitForNavigation(),
		forms[n].$eval('[type=submit]', (b) => b.click())]);
	if (o.landing) {
		const focus = await page.evaluate(() =>
			document.activeElement && document.activeElement.id);
		if (focus !== o.landing || !page.url().endsWith('#' + o.landing))
			fail(where, `focus on "${focus}" at ${page.url()}, not on ` +
				`#${o.landing}`);
	}
	await audit(page, resp, where, o);
	return resp;
}

async function login(page, base, email, pw) {
	await page.goto(base + '/login');
	await page.fill('#email', email);
	await page.fill('#password', pw);
	const [resp] = await Promise.all([page.waitForNavigation(),
		page.click('form.login [type=submit]')]);
	return resp;
}

/* Every page a role can reach, and its case pages. */
async function role(page, base, email, label) {
	console.log('== ' + label + ' (' + email + ')');
	await page.context().clearCookies();
	const r = await login(page, base, email, PASSWORD);
	if (!r || !r.url().endsWith('/')) {
		fail(label, 'login failed');
		return;
	}
	const main = email.startsWith('kansli');
	for (const p of PAGES) {
		await visit(page, base, p, label, { keys: main && p === '/',
			shot: main ? slug(p) : null });
	}
	await visit(page, base, '/arenden', label);
	const more = await links(page, /^\/arenden\?.*page=2/);
	const cases = await links(page, /^\/arenden\/\d+$/);
	for (const p of more) {
		await visit(page, base, p, label);
		cases.push(...await links(page, /^\/arenden\/\d+$/));
	}
	const pick = opt.quick && !main ? cases.slice(0, 3) : cases;
	for (const p of [...new Set(pick)]) {
		await visit(page, base, p, label, { keys: main && p === cases[0] });
	}
	await visit(page, base, '/styrelse', label);
	for (const m of await links(page, /^\/styrelse\/moten\/\d+$/)) {
		await visit(page, base, m, label, { shot: main ? 'mote' : null });
		await visit(page, base, m + '/protokoll', label,
			{ shot: main ? 'protokoll' : null });
	}
	await visit(page, base, '/beredningsgrupp', label);
	for (const g of await links(page, /^\/beredningsgrupp\/moten\/\d+$/)) {
		await visit(page, base, g, label, { shot: main ? 'grupp' : null });
		await visit(page, base, g + '/protokoll', label);
	}
	await visit(page, base, '/forbund', label);
	for (const f of await links(page, /^\/forbund\/\d+$/)) {
		await visit(page, base, f, label, { shot: main ? 'forbund' : null });
	}
}

/* The first case of kind and state the role sees, or null. */
async function caseIn(page, base, kind, state) {
	await page.goto(`${base}/arenden?kind=${kind}&state=${state}`);
	return (await links(page, /^\/arenden\/\d+$/))[0] || null;
}

/* The form error states and refused moves, as kansli, admin, ledamot. */
async function errors(page, base) {
	console.log('== error states');
	await page.context().clearCookies();
	await page.goto(base + '/login');
	await submit(page, 'form.login', 0, { email: 'kansli@demo.bered.se',
		password: 'fel' }, 'login wrong password', { keys: true,
		shot: 'login-fel' });
	await login(page, base, 'kansli@demo.bered.se', PASSWORD);
	const forms = [['/arenden/ny', 'form[method=post][action="/arenden"]'],
		['/behov', 'form[method=post][action="/behov"]'],
		['/utlysningar', 'form[method=post][action="/utlysningar"]'],
		['/styrelse', 'form[method=post][action="/styrelse"]'],
		['/budget', 'form[method=post][action="/budget"]'],
		['/konto', 'form[method=post][action="/konto/nycklar"]'],
		['/konto', 'form[method=post][action="/konto/losenord"]']];
	for (const [p, sel] of forms) {
		await page.goto(base + p);
		if ((await page.$$(sel)).length === 0) continue;
		await submit(page, sel, 0, {}, 'empty form ' + p,
			{ shot: 'fel-' + slug(p) });
	}
	await page.goto(base + '/styrelse');
	const m = (await links(page, /^\/styrelse\/moten\/\d+$/))[0];
	if (m) {
		await page.goto(base + m);
		const n = (await page.$$('form[method=post]:not(.logout)')).length;
		for (let i = 0; i < n; i++) {
			await page.goto(base + m);
			await submit(page, 'form[method=post]:not(.logout)', i, {},
				`empty form ${i} on ${m}`);
		}
	}
	/* The beredningsgrupp: an empty new meeting, an empty item, and an
	 * upload without a file on a case (multipart). */
	await page.goto(base + '/beredningsgrupp');
	await submit(page, 'form[method=post][action="/beredningsgrupp"]', 0,
		{}, 'empty group meeting', { shot: 'fel-grupp' });
	await page.goto(base + '/beredningsgrupp');
	const gm = (await links(page, /^\/beredningsgrupp\/moten\/\d+$/))[0];
	if (gm) {
		await page.goto(base + gm);
		await submit(page, `form[action="${gm}/punkt"]`, 0, {},
			'empty group item ' + gm);
	}
	for (const [kind, state] of [['esf', 'utformning'],
		['finsam', 'utformning'], ['finsam', 'genomforande']]) {
		const c = await caseIn(page, base, kind, state);
		if (!c) {
			fail('error states', `no ${kind} case in ${state}`);
			continue;
		}
		await page.goto(base + c);
		await submit(page, `form[method=post][action="${c}#meddelande"]`,
			0, {}, `empty case form ${c}`,
			{ shot: `fel-arende-${kind}` });
		await page.goto(base + c);
		await submit(page, `form[action^="${c}/dokument"]`, 0, {},
			`upload without a file ${c}`);
		/* A move whose rules fail: the refusal page names them. */
		await page.goto(base + c);
		const refused = await page.$$eval('form.move', (fs) => fs.findIndex(
			(f) => f.previousElementSibling?.classList.contains('rules-fail')));
		if (refused >= 0) {
			/* The answer lands on its message, which has the focus. */
			await submit(page, 'form.move', refused, {},
				`refused move ${c}`, { keys: kind === 'esf',
				shot: `vagrad-${kind}`, landing: 'meddelande' });
		}
		await page.goto(base + c);
		const parts = await page.$$('form[action*="/deltagare"]');
		if (parts.length > 0) {
			await submit(page, 'form[action*="/deltagare"]', 0,
				{}, `empty participants ${c}`);
		}
	}
	await page.context().clearCookies();
	await login(page, base, 'admin@demo.bered.se', PASSWORD);
	for (const p of ['/forbund', '/anvandare', '/utlysningar']) {
		await page.goto(base + p);
		const sel = `form[method=post][action="${p}"]`;
		if ((await page.$$(sel)).length > 0) {
			await submit(page, sel, 0, {}, 'admin empty form ' + p,
				{ shot: 'fel-admin-' + slug(p) });
		}
	}
	/* Changing a user: the form, an empty name, a bad one-time password. */
	await page.goto(base + '/anvandare');
	const u = (await links(page, /^\/anvandare\/\d+$/))[0];
	if (u) {
		await visit(page, base, u, 'admin', { shot: 'anvandare-andra' });
		await page.goto(base + u);
		await submit(page, `form[method=post][action="${u}"]`, 0,
			{ name: '' }, 'user form without a name',
			{ shot: 'fel-anvandare-andra' });
		await page.goto(base + u);
		await submit(page, `form[method=post][action="${u}/losenord"]`, 0,
			{ password: 'kort' }, 'one-time password too short');
	}
	await visit(page, base, '/logg?from=fel', 'admin');
	/* Changing a call, and its refusal. */
	await page.goto(base + '/utlysningar');
	const call = (await links(page, /^\/utlysningar\/\d+$/))[0];
	if (call) {
		await visit(page, base, call, 'admin', { shot: 'utlysning-andra' });
		await page.goto(base + call);
		await submit(page, `form[method=post][action="${call}"]`, 0,
			{ title: '' }, 'call form without a title');
	}
	/* R7: a ledamot posts another party's own fields (403 page). */
	await page.context().clearCookies();
	await login(page, base, 'ledamot.kalmar@demo.bered.se', PASSWORD);
	const c = await caseIn(page, base, 'esf', 'utformning');
	if (c) {
		await page.goto(base + c);
		const own = await page.$$('form.party');
		if (own.length > 0) {
			await submit(page, 'form.party', 0, { _action: c + '/parter/1' +
				'?' }, 'R7 refusal ' + c);
			await page.goto(base + c);
			const date = await page.$$eval('form.party input[type=date]',
				(es) => es.map((e) => e.name));
			if (date.length > 0) {
				await submit(page, 'form.party', 0, { [date[0]]:
					'2026-13-45' }, 'bad date ' + c);
			}
		}
	}
}

async function main() {
	if (!fs.existsSync(opt.chromium))
		throw new Error(`no browser at ${opt.chromium}: apt-get install -y ` +
			'chromium (or set CHROMIUM=/path/to/chromium)');
	if (!fs.existsSync(opt.bered))
		throw new Error(`no ${opt.bered}: run make build/bered first`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bered-a11y-'));
	let server = null;
	let ctx = null;
	try {
		server = await startServer(dir);
		console.log('bered at ' + server.base);
		ctx = await chromium.launchPersistentContext(path.join(dir,
			'profile'), { executablePath: opt.chromium, headless: true,
			bypassCSP: true, viewport: { width: 1280, height: 900 },
			args: ['--headless', '--no-sandbox', '--disable-gpu',
				'--disable-quic', '--no-first-run',
				'--disable-background-networking',
				'--disable-component-update', '--disable-sync'] });
		const page = ctx.pages()[0] || await ctx.newPage();
		await visit(page, server.base, '/login', 'anonymous',
			{ keys: true, shot: 'login' });
		for (const [email, label] of ROLES) {
			await role(page, server.base, email, label);
		}
		await errors(page, server.base);
		const log = server.log();
		if (/ERROR|AddressSanitizer|runtime error/.test(log))
			fail('server', 'errors in the server log');
	} finally {
		if (ctx) await ctx.close();
		if (server) server.srv.kill('SIGTERM');
		fs.rmSync(dir, { recursive: true, force: true });
	}
	console.log(`${visited} pages audited, ${findings.length} findings`);
	if (findings.length > 0) {
		console.log('make a11y: FAILED');
		process.exit(1);
	}
	console.log('make a11y: all pages pass');
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
