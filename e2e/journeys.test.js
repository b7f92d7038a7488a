// Browser journeys for Concerto in Debian's Chromium: what visitors, newcomers, managers and
// admins do, with JavaScript and without, by keyboard; axe-core (WCAG 2.1 A and AA) on every
// page type; bytes and requests of every page; screenshots at phone and desktop widths.
// Run by e2e/run, which starts a fresh server with the demo and sets BASE_URL.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE_URL;
const DEMO_PASSWORD = "concerto-demo";
const ACCOUNTS = {
  admin: "admin@demo.concerto.localhost",
  manager: "gestion@demo.concerto.localhost",
  facilitator: "animation@demo.concerto.localhost",
  moderator: "moderation@demo.concerto.localhost",
  participant: "habitant@demo.concerto.localhost",
  partner: "partenaire@demo.concerto.localhost",
};
const AXE = join(here, "node_modules/axe-core/axe.min.js");
const SHOTS = join(here, "screenshots");
const FAILURES = join(here, "failures");
const WEIGHT_LIMIT = 100 * 1024;

let browser;
const weights = [];
const audited = [];

before(async () => {
  assert.ok(BASE, "BASE_URL is set by e2e/run");
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  await browser?.close();
  if (weights.length) {
    console.log("\nPage weight (compressed bytes transferred, requests), limit 100 KB:");
    console.log("| page | bytes | requests | other hosts |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const w of weights) console.log(`| ${w.name} | ${w.bytes} | ${w.requests} | ${w.foreign} |`);
  }
  if (audited.length) {
    console.log(`\naxe-core (WCAG 2.1 A + AA) found 0 violations on ${audited.length} pages:`);
    for (const a of audited) console.log(`- ${a}`);
  }
});

/** A fresh browser context; `bypassCSP` only so that axe-core can be injected. */
async function newPage(options = {}) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 }, ...options });
  return context.newPage();
}

/** Runs a journey step, keeping a screenshot and the HTML when it fails. */
async function step(page, name, body) {
  try {
    return await body();
  } catch (error) {
    mkdirSync(FAILURES, { recursive: true });
    const file = name.replace(/[^a-z0-9]+/gi, "-");
    await page.screenshot({ path: join(FAILURES, `${file}.png`), fullPage: true }).catch(() => {});
    writeFileSync(join(FAILURES, `${file}.html`), await page.content().catch(() => ""));
    throw error;
  }
}

/** Visits a page, measuring what it transfers and checking it calls no other host. */
async function visit(page, path, name) {
  const base = new URL(BASE);
  const seen = [];
  const onFinished = async (request) => {
    const sizes = await request.sizes().catch(() => null);
    const response = await request.response().catch(() => null);
    const encoded = Number(response?.headers()["content-length"] ?? 0);
    seen.push({ url: request.url(), bytes: (sizes?.responseBodySize ?? encoded) + (sizes?.responseHeadersSize ?? 0) });
  };
  const onFailed = (request) => seen.push({ url: request.url(), bytes: 0 });
  page.on("requestfinished", onFinished);
  page.on("requestfailed", onFailed);
  const response = await page.goto(BASE + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(50);
  page.off("requestfinished", onFinished);
  page.off("requestfailed", onFailed);
  const foreign = seen.filter((r) => !r.url.startsWith("data:") && new URL(r.url).host !== base.host);
  const bytes = seen.reduce((sum, r) => sum + r.bytes, 0);
  if (name) {
    weights.push({ name, bytes, requests: seen.length, foreign: foreign.length });
    assert.equal(foreign.length, 0, `${name} calls other hosts: ${foreign.map((r) => r.url).join(", ")}`);
    assert.ok(bytes < WEIGHT_LIMIT, `${name} weighs ${bytes} bytes`);
  }
  return response;
}

/** Checks a page with axe-core against WCAG 2.1 A and AA. */
async function audit(page, name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")})`);
  assert.deepEqual(violations, [], `${name}: accessibility violations`);
  audited.push(`${name} (${new URL(page.url()).pathname})`);
}

/** Saves the page at a phone width (390 px) and a desktop width (1280 px). */
async function screenshots(page, name) {
  const original = page.viewportSize();
  for (const [width, tag] of [[390, "phone"], [1280, "desktop"]]) {
    await page.setViewportSize({ width, height: 900 });
    const file = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    await page.screenshot({ path: join(SHOTS, `${file}-${tag}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** A `width`×`height` PNG of soft stripes, as a phone would send a photograph. */
function png(width, height) {
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x += 1) row.set([60 + (y % 40), 140, 80 + (x % 60)], 1 + x * 3);
    rows.push(row);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

async function signIn(page, email) {
  await page.goto(`${BASE}/connexion`);
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/** Visits, weighs, audits and photographs one page type. */
async function check(page, path, name) {
  await step(page, name, async () => {
    const response = await visit(page, path, name);
    assert.ok(response.status() < 500, `${name}: status ${response.status()}`);
    await audit(page, name);
    await screenshots(page, name);
  });
}

test("a visitor goes from home to the process, its map and a territory page", async () => {
  const page = await newPage();
  await step(page, "visitor", async () => {
    await visit(page, "/");
    await page.getByRole("link", { name: "Aux Actes Citoyens" }).first().click();
    await page.waitForURL("**/demarches/aux-actes-citoyens");
    assert.equal(await page.locator("h1").textContent(), "Aux Actes Citoyens");
    assert.equal(await page.locator("[aria-current=step] h3").textContent(), "La récolte des solutions");
    const map = page.locator("svg.map");
    assert.equal(await map.locator("a").count(), 197);
    const before = await map.getAttribute("viewBox");
    await page.getByRole("button", { name: "Zoomer", exact: true }).click();
    assert.notEqual(await map.getAttribute("viewBox"), before, "the zoom button zooms");
    await page.getByRole("button", { name: "Vue d'ensemble" }).click();
    assert.equal(await map.getAttribute("viewBox"), before);
    await map.locator('a[href="/territoires/commune/90010"]').click();
    await page.waitForURL("**/territoires/commune/90010");
    assert.equal(await page.locator("h1").textContent(), "Belfort");
    await page.getByRole("navigation", { name: "Fil d'Ariane" }).getByRole("link", { name: "CA Grand Belfort" }).click();
    await page.waitForURL("**/territoires/epci/200069052");
  });
  await page.context().close();
});

test("without JavaScript the visitor journey still works and maps still show", async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await step(page, "no-javascript", async () => {
    await visit(page, "/");
    await page.getByRole("link", { name: "Aux Actes Citoyens" }).first().click();
    await page.waitForURL("**/demarches/aux-actes-citoyens");
    assert.equal(await page.locator("svg.map a").count(), 197);
    assert.equal(await page.locator(".map-controls").count(), 0, "no zoom buttons without the script");
    await page.locator("summary", { hasText: "Données de la carte" }).click();
    assert.ok(await page.locator(".map-data table").isVisible());
    await page.locator('svg.map a[href="/territoires/commune/25388"]').click();
    await page.waitForURL("**/territoires/commune/25388");
    assert.equal(await page.locator("h1").textContent(), "Montbéliard");
  });
  await page.context().close();
});

test("a newcomer signs up, confirms through the outbox, signs in and signs out", async () => {
  const email = `nouvelle-${Date.now()}@exemple.fr`;
  const page = await newPage();
  await step(page, "newcomer", async () => {
    await page.goto(`${BASE}/inscription`);
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Nom affiché").fill("Nouvelle Habitante");
    await page.getByLabel("Mot de passe", { exact: true }).fill("court");
    await page.getByLabel("Confirmez le mot de passe").fill("court");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    assert.match(await page.locator("#password-error").textContent(), /au moins 12 caractères/);
    assert.equal(await page.getByLabel("Adresse électronique").inputValue(), email, "what was typed is kept");
    await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe solide");
    await page.getByLabel("Confirmez le mot de passe").fill("une phrase de passe solide");
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await page.getByRole("heading", { name: "Vérifiez votre messagerie" }).waitFor();
  });

  // The outbox, read by an admin in another browser.
  const admin = await newPage();
  const link = await step(admin, "outbox", async () => {
    await signIn(admin, ACCOUNTS.admin);
    await admin.goto(`${BASE}/admin/courriels`);
    await admin.locator("tr", { hasText: email }).getByRole("link").first().click();
    const body = await admin.locator(".mail-body").textContent();
    return body.match(/https?:\/\/\S+\/confirmation\?jeton=\S+/)[0];
  });
  await admin.context().close();

  await step(page, "newcomer-confirm", async () => {
    await page.goto(BASE + new URL(link).pathname + new URL(link).search);
    await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
    await page.getByText("Votre adresse est confirmée").waitFor();
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill("une phrase de passe solide");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.getByText("Vous êtes connecté·e.").waitFor();
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.getByText("Vous êtes déconnecté·e.").waitFor();
    const nav = page.getByRole("navigation", { name: "Navigation principale" });
    assert.equal(await nav.getByRole("link", { name: "Se connecter" }).count(), 1);
  });
  await page.context().close();
});

test("keyboard only: skip link, sign in, reach the account page, with visible focus", async () => {
  const page = await newPage();
  await step(page, "keyboard", async () => {
    await page.goto(`${BASE}/connexion`);
    await page.keyboard.press("Tab");
    const skip = page.locator(":focus");
    assert.equal(await skip.textContent(), "Aller au contenu");
    assert.notEqual(await skip.evaluate((el) => getComputedStyle(el).top), "-48px", "the skip link shows when focused");
    await page.keyboard.press("Enter");
    // Tab through to the e-mail field, checking that every focused element shows an outline.
    for (let i = 0; i < 30; i += 1) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id, outline: style.outlineStyle, width: style.outlineWidth, tag: el.tagName };
      });
      assert.ok(focused.outline !== "none" && focused.width !== "0px", `no visible focus on ${focused.tag}#${focused.id}`);
      if (focused.id === "email") break;
    }
    await page.keyboard.type(ACCOUNTS.participant);
    await page.keyboard.press("Tab");
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
    await page.getByText("Vous êtes connecté·e.").waitFor();
    await page.goto(`${BASE}/compte`);
    assert.equal(await page.locator("h1").textContent(), "Mon compte");
  });
  await page.context().close();
});

test("a participant places a need on the map, finds it in the list and on the map, supports and comments it", async () => {
  const page = await newPage();
  await step(page, "need-by-map", async () => {
    await signIn(page, ACCOUNTS.participant);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens`);
    await page.getByRole("link", { name: "Les besoins" }).click();
    await page.getByRole("link", { name: "Exprimer un besoin" }).click();
    await page.getByLabel("Titre du besoin").fill("Un bus le dimanche soir");
    await page.getByLabel("Description").fill("Aucun bus ne relie les quartiers au centre le dimanche soir.");
    await page.getByLabel("Thématique").selectOption({ label: "Mobilité" });
    await page.locator("svg.map path", { has: page.locator("title", { hasText: /^Belfort$/ }) }).click();
    assert.match(await page.locator("#place-status").textContent(), /Belfort/);
    await page.getByRole("button", { name: "Publier mon besoin" }).click();
    await page.getByText("Votre besoin est publié").waitFor();
    const needUrl = page.url();
    await page.getByRole("button", { name: "Soutenir ce besoin" }).click();
    await page.getByText("1 soutien", { exact: true }).waitFor();
    await page.getByLabel("Votre commentaire").fill("Le bus 3 serait parfait.");
    await page.getByRole("button", { name: "Publier", exact: true }).click();
    await page.getByText("Le bus 3 serait parfait.").waitFor();
    await check(page, new URL(needUrl).pathname, "need");

    await page.goto(`${BASE}/demarches/aux-actes-citoyens/besoins?q=dimanches`);
    await page.locator(".need-card").getByRole("link", { name: "Un bus le dimanche soir" }).waitFor();
    // The search follows to the map tab.
    await page.getByRole("link", { name: "Carte des besoins" }).click();
    assert.match(page.url(), /\/besoins\/carte\?q=dimanches/);
    const marker = page.locator(`svg.map .map-points a[href="${new URL(needUrl).pathname}"]`);
    assert.equal(await marker.count(), 1, "the need is on the map");
    await check(page, "/demarches/aux-actes-citoyens/besoins", "needs list");
    await check(page, "/demarches/aux-actes-citoyens/besoins/carte", "needs map");
    await check(page, "/demarches/aux-actes-citoyens/besoins/nouveau", "participant: contribute a need");
  });
  await page.context().close();
});

test("another person reports a comment and a moderator hides it with a reason", async () => {
  const author = await newPage();
  const needPath = await step(author, "moderation-author", async () => {
    await signIn(author, ACCOUNTS.participant);
    await author.goto(`${BASE}/demarches/aux-actes-citoyens/besoins/nouveau`);
    await author.getByLabel("Titre du besoin").fill("Des toilettes publiques au parc");
    await author.getByRole("button", { name: "Publier mon besoin" }).click();
    await author.getByText("Votre besoin est publié").waitFor();
    await author.getByLabel("Votre commentaire").fill("Commentaire déplacé et injurieux");
    await author.getByRole("button", { name: "Publier", exact: true }).click();
    await author.getByText("Commentaire déplacé et injurieux").waitFor();
    return new URL(author.url()).pathname;
  });
  await author.context().close();

  const reporter = await newPage();
  await step(reporter, "moderation-report", async () => {
    await signIn(reporter, ACCOUNTS.facilitator);
    await reporter.goto(BASE + needPath);
    await reporter.locator(".comment summary", { hasText: "Signaler ce commentaire" }).click();
    await reporter.locator(".comment").getByLabel("Pourquoi le signalez-vous ?").fill("Propos injurieux");
    await reporter.locator(".comment").getByRole("button", { name: "Envoyer le signalement" }).click();
    await reporter.getByText("votre signalement est transmis").waitFor();
  });
  await reporter.context().close();

  const moderator = await newPage();
  await step(moderator, "moderation-hide", async () => {
    await signIn(moderator, ACCOUNTS.moderator);
    await moderator.goto(`${BASE}/demarches/aux-actes-citoyens`);
    await moderator.getByRole("link", { name: "File de modération" }).click();
    await moderator.getByRole("cell", { name: "Propos injurieux" }).waitFor();
    await check(moderator, "/demarches/aux-actes-citoyens/moderation", "moderator: queue");
    await moderator.getByRole("link", { name: "Des toilettes publiques au parc" }).click();
    await moderator.locator(".comment").getByLabel("Motif (affiché publiquement)").fill("propos injurieux");
    await moderator.locator(".comment").getByRole("button", { name: /^Masquer/ }).click();
    await moderator.getByText("Le contenu est masqué").waitFor();
    await check(moderator, needPath, "moderator: need page");
  });
  await moderator.context().close();

  const visitor = await newPage();
  await step(visitor, "moderation-visitor", async () => {
    await visitor.goto(BASE + needPath);
    await visitor.getByText("Ce commentaire a été masqué par la modération.").waitFor();
    assert.match(await visitor.locator(".comment .moderated").textContent(), /Motif : propos injurieux/);
    assert.equal(await visitor.getByText("Commentaire déplacé et injurieux").count(), 0);
  });
  await visitor.context().close();
});

test("a facilitator creates a workshop, records attendance and captures five needs without the mouse", async () => {
  const page = await newPage();
  await step(page, "facilitator", async () => {
    await signIn(page, ACCOUNTS.facilitator);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens/agenda`);
    await page.getByRole("link", { name: "Nouvel atelier ou événement" }).click();
    await check(page, new URL(page.url()).pathname, "facilitator: new workshop");
    await page.getByLabel("Titre").fill("Atelier au marché des Glacis");
    await page.getByLabel("Début").fill("2026-12-12T09:00");
    await page.getByLabel("Fin").fill("2026-12-12T12:00");
    await page.locator("#commune").selectOption("90010");
    await page.getByRole("button", { name: "Créer l'événement" }).click();
    await page.getByText("L'événement est créé.").waitFor();
    await page.getByLabel("Participants présents").fill("17");
    await page.getByText("Répartition anonyme (facultatif)").click();
    await page.getByLabel("18 à 29 ans").fill("9");
    await page.getByLabel("Jeunesse").fill("6");
    await page.getByRole("button", { name: "Enregistrer la participation" }).click();
    await page.getByText("La participation est enregistrée.").waitFor();
    assert.match(await page.locator("section[aria-labelledby=venus]").textContent(), /18 à 29 ans : 9/);
    await check(page, new URL(page.url()).pathname, "facilitator: workshop page");
    await page.getByRole("link", { name: "Saisir les besoins de l'atelier" }).click();
    await check(page, new URL(page.url()).pathname, "facilitator: capture form");

    // Five post-its in a row: type, Tab to the button, Enter; the title has the focus again.
    for (let n = 1; n <= 5; n += 1) {
      assert.equal(await page.evaluate(() => document.activeElement.id), "title", `focus back on the title (${n})`);
      await page.keyboard.type(`Post-it numéro ${n}`);
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement.tagName) === "BUTTON") break;
      }
      // The confirmation reads the same after each post-it: wait for the new page itself.
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await page.getByText("Besoin enregistré. Au suivant !").waitFor();
    }
    assert.match(await page.locator("#saisis").textContent(), /5 besoins saisis/);
    assert.equal(await page.locator("#commune").inputValue(), "90010", "the commune stays chosen");
  });
  await page.context().close();
});

test("keyboard only: a participant contributes a need choosing the commune from the list", async () => {
  const page = await newPage();
  await step(page, "need-by-keyboard", async () => {
    await signIn(page, ACCOUNTS.participant);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens/besoins/nouveau`);
    await page.locator("#title").focus();
    await page.keyboard.type("Un jardin partagé à Montbéliard");
    const steps = [
      ["Tab", "body"], ["Tab", "theme"], ["Tab", "commune"],
    ];
    for (const [key, expected] of steps) {
      await page.keyboard.press(key);
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return { id: el.id, outline: style.outlineStyle };
      });
      assert.equal(focused.id, expected);
      assert.notEqual(focused.outline, "none", `visible focus on #${focused.id}`);
      if (expected === "body") await page.keyboard.type("Un lieu pour cultiver ensemble.");
    }
    // Type-ahead in the list; letters outside the US layout ("é") would be inserted as text
    // by the test driver into the last text field, so the test types only the start.
    await page.keyboard.type("Montb");
    assert.equal(await page.locator("#commune").inputValue(), "25388");
    // On to the submit button: the map between costs its zoom buttons and one stop, not 197.
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press("Tab");
      const text = await page.evaluate(() => document.activeElement.textContent);
      if (text === "Publier mon besoin") break;
    }
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Publier mon besoin");
    await page.keyboard.press("Enter");
    await page.getByText("Votre besoin est publié").waitFor();
    assert.equal(await page.locator("h1").textContent(), "Un jardin partagé à Montbéliard");
    assert.equal(await page.locator(".need-meta").getByRole("link", { name: "Montbéliard" }).count(), 1);
  });
  await page.context().close();
});

test("without JavaScript a participant still contributes a need", async () => {
  const page = await newPage({ javaScriptEnabled: false });
  await step(page, "need-without-javascript", async () => {
    await signIn(page, ACCOUNTS.participant);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens/besoins/nouveau`);
    await page.getByLabel("Titre du besoin").fill("Une maison de santé à Héricourt");
    await page.locator("#commune").selectOption({ label: "Héricourt" });
    await page.getByRole("button", { name: "Publier mon besoin" }).click();
    await page.getByText("Votre besoin est publié").waitFor();
    assert.equal(await page.locator("h1").textContent(), "Une maison de santé à Héricourt");
  });
  await page.context().close();
});

test("a manager creates a process on other communes from the management area", async () => {
  const page = await newPage();
  await step(page, "manager", async () => {
    await signIn(page, ACCOUNTS.manager);
    await page.goto(`${BASE}/gestion`);
    await page.getByLabel("Titre").fill("Héricourt en commun");
    await page.getByLabel("Résumé").fill("Une concertation sur deux communes.");
    await page.getByRole("button", { name: "Créer la démarche" }).click();
    await page.waitForURL("**/gestion/demarches/hericourt-en-commun");
    await page.getByLabel("Autres territoires, par code").fill("70285\n25388");
    await page.locator("section:has(#territoires)").getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Les modifications sont enregistrées.").waitFor();
    await page.getByLabel("Statut").selectOption("published");
    await page.locator("section:has(#general)").getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Les modifications sont enregistrées.").waitFor();
    await page.goto(`${BASE}/demarches/hericourt-en-commun`);
    assert.equal(await page.locator("svg.map a").count(), 2);
  });
  await page.context().close();
});

test("a facilitator runs a synthesis and edits it, a manager publishes it, a visitor reads it", async () => {
  const page = await newPage();
  await step(page, "synthesis", async () => {
    await signIn(page, ACCOUNTS.facilitator);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens`);
    await page.getByRole("link", { name: "Synthèses des besoins" }).click();
    await check(page, new URL(page.url()).pathname, "facilitator: syntheses");
    await page.getByLabel("Périmètre").selectOption("tout");
    await page.getByRole("button", { name: "Lancer la synthèse" }).click();
    // The progress page refreshes itself until the draft is ready.
    await page.getByText("Brouillon", { exact: true }).waitFor({ timeout: 30000 });
    await check(page, new URL(page.url()).pathname, "facilitator: synthesis draft");
    const draft = new URL(page.url()).pathname;
    await page.getByRole("link", { name: "Ouvrir le groupe et ses besoins" }).first().click();
    await check(page, new URL(page.url()).pathname, "facilitator: synthesis cluster");
    await page.getByText("Modifier ce groupe").click();
    await page.getByLabel("Nom du groupe").fill("Ce que disent les post-it");
    await page.getByLabel("Texte de synthèse").fill("Les participants de l'atelier ont noté leurs besoins sur des post-it.");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("C'est enregistré.").waitFor();
    await page.getByRole("button", { name: "Épingler comme citation" }).first().click();
    await page.getByText("C'est enregistré.").waitFor();
    assert.equal(await page.getByText("Citation épinglée").count(), 1);
    await page.context().close();

    const manager = await newPage();
    await signIn(manager, ACCOUNTS.manager);
    await manager.goto(BASE + draft);
    await manager.getByRole("button", { name: "Valider cette version" }).click();
    await manager.getByText("La version est validée.").waitFor();
    await manager.getByRole("button", { name: "Publier cette version" }).click();
    await manager.getByText("La synthèse est publiée.").waitFor();
    await manager.context().close();

    const visitor = await newPage();
    await visitor.goto(`${BASE}/demarches/aux-actes-citoyens`);
    await visitor.getByRole("link", { name: "Synthèse des besoins" }).click();
    await check(visitor, new URL(visitor.url()).pathname, "synthesis (public)");
    await visitor.getByRole("link", { name: "Ce que disent les post-it" }).first().click();
    await check(visitor, new URL(visitor.url()).pathname, "synthesis cluster (public)");
    assert.equal(await visitor.locator("input[name=besoin]").count(), 0, "no editing for visitors");
    await visitor.context().close();
  });
});

test("on a phone a participant adds a statement, votes, and finds where they stand on the opinion map", async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 } });
  await step(page, "opinions", async () => {
    await signIn(page, ACCOUNTS.participant);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens`);
    await page.getByRole("link", { name: "Carte des opinions" }).click();
    await page.getByLabel("Votre proposition").fill("Il faut un bus le dimanche");
    await page.getByRole("button", { name: "Proposer" }).click();
    await page.getByText("Votre proposition est publiée").waitFor();
    await check(page, new URL(page.url()).pathname, "participant: opinion vote");
    // The living demo's conversation has thirty statements: a map places who reacted to seven.
    for (let n = 0; n < 7; n++) {
      const choice = n % 2 === 0 ? "D'accord" : "Pas d'accord";
      await page.getByRole("button", { name: choice, exact: true }).click();
      await page.getByText("Vote enregistré").waitFor();
    }
    assert.match(await page.locator("main").textContent(), /Propositions auxquelles vous avez réagi : 7 sur 31/);
    await page.getByRole("link", { name: "Voir la carte des opinions" }).click();
    await check(page, new URL(page.url()).pathname, "participant: opinion map");
    assert.ok(await page.locator("svg.opinion-map circle").count() > 300, "the demo's voters are drawn");
    await page.getByText(/Vous êtes dans le groupe [A-C]/).waitFor();
  });
  await page.context().close();
  const moderator = await newPage();
  await signIn(moderator, ACCOUNTS.moderator);
  await check(moderator, "/demarches/aux-actes-citoyens/opinions/moderation", "moderator: opinion statements");
  await moderator.context().close();
});

test("a facilitator captures an event's solutions without the mouse and the wall shows them", async () => {
  const page = await newPage();
  await step(page, "facilitator-solutions", async () => {
    await signIn(page, ACCOUNTS.facilitator);
    await page.goto(`${BASE}/demarches/aux-actes-citoyens/agenda`);
    const event = await page.locator("a[href^='/ateliers/']").first().getAttribute("href");
    const id = event.match(/\/ateliers\/(\d+)/)[1];
    await page.goto(`${BASE}/ateliers/${id}/solutions`);
    await check(page, `/ateliers/${id}/solutions`, "facilitator: capture solutions");
    const before = Number((await page.locator("#saisies").textContent()).match(/\d+/)?.[0] ?? 0);
    // Three solutions in a row: type the title, Tab to the cluster, pick one with the arrow
    // keys, Tab on to the button, Enter; the title has the focus again.
    for (let n = 1; n <= 3; n += 1) {
      assert.equal(await page.evaluate(() => document.activeElement.id), "title", `focus back on the title (${n})`);
      await page.keyboard.type(`Idée du groupe numéro ${n}`);
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.id), "groupe");
      if (n === 1) await page.keyboard.press("ArrowDown");
      for (let i = 0; i < 8; i += 1) {
        await page.keyboard.press("Tab");
        if (await page.evaluate(() => document.activeElement.tagName) === "BUTTON") break;
      }
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await page.getByText("Solution enregistrée. Saisissez la suivante.").waitFor();
    }
    assert.match(await page.locator("#saisies").textContent(), new RegExp(`${before + 3} solutions saisies`));
    await check(page, `/ateliers/${id}/mur`, "event wall");
    await page.getByText("Idée du groupe numéro 3").waitFor();
  });
  await page.context().close();
});

test("a participant proposes a solution from a need's page and finds it on the planisphère", async () => {
  const page = await newPage();
  await step(page, "solution-from-need", async () => {
    await signIn(page, ACCOUNTS.participant);
    const { needPath, solutionPath } = await proposeSolution(page, "Un atelier mensuel ouvert à tous", true);
    assert.equal(await page.locator(`#besoins a[href="${needPath}"]`).count(), 1, "it answers the need");
    await check(page, solutionPath, "solution");
    // Its carrier gives it a described picture, then comments it.
    await page.getByRole("link", { name: "Modifier la solution" }).click();
    await page.getByLabel("Image (JPEG, PNG ou WebP, 8 Mo au plus)").setInputFiles({ name: "atelier.png", mimeType: "image/png", buffer: png(480, 320) });
    await page.getByLabel("Description de l’image").fill("Des habitants autour d’une table");
    await page.getByRole("button", { name: "Enregistrer l’image" }).click();
    await page.getByText("L’image de la solution est enregistrée.").waitFor();
    assert.equal(await page.locator('img.solution-picture[alt="Des habitants autour d’une table"]').count(), 1, "the picture shows, described");
    await page.getByLabel("Votre commentaire").fill("Je peux animer le premier atelier.");
    await page.getByRole("button", { name: "Publier", exact: true }).click();
    await page.getByText("Votre commentaire est publié.").waitFor();
    await check(page, solutionPath, "solution with its picture and a comment");
    await page.goto(`${BASE}${needPath}`);
    assert.equal(await page.locator(`#parcours a[href="${solutionPath}"]`).count(), 1, "the need's trail leads to it");
    await page.goto(`${BASE}/demarches/aux-actes-citoyens/solutions/planisphere`);
    const marker = page.locator(`svg.map .map-points a[href="${solutionPath}"]`);
    assert.equal(await marker.count(), 1, "the solution is on the planisphère");
  });
  await page.context().close();
});

/** From the first need of the list, proposes a solution placed in Belfort (the form checked
 * when `audited`); returns the need's and the solution's paths. */
async function proposeSolution(page, title, audited) {
  await page.goto(`${BASE}/demarches/aux-actes-citoyens/besoins`);
  await page.locator(".need-card h3 a").first().click();
  const needPath = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "Proposer une solution à ce besoin" }).click();
  if (audited) await check(page, new URL(page.url()).pathname + new URL(page.url()).search, "participant: propose a solution");
  await page.getByLabel("Titre de la solution").fill(title);
  await page.getByLabel("Description", { exact: true }).fill("Chaque mois, un **atelier** pour en parler et agir.");
  await page.getByRole("button", { name: "Trouver des besoins" }).click();
  await page.getByText("Besoins proches du texte de la solution").waitFor();
  await page.locator("svg.map path", { has: page.locator("title", { hasText: /^Belfort$/ }) }).click();
  await page.getByRole("button", { name: "Proposer la solution" }).click();
  await page.getByText("Votre solution est publiée").waitFor();
  return { needPath, solutionPath: new URL(page.url()).pathname };
}

test("a carrier asks for support, the partner accepts, they log a meeting and testify", async () => {
  const carrier = await newPage();
  const partner = await newPage();
  let companionshipPath;
  await step(carrier, "carrier asks", async () => {
    await signIn(carrier, ACCOUNTS.participant);
    const { solutionPath } = await proposeSolution(carrier, "Un site pour l'atelier de quartier", false);
    await carrier.goto(`${BASE}${solutionPath}`);
    await carrier.getByRole("link", { name: "Demander un accompagnement" }).click();
    await check(carrier, new URL(carrier.url()).pathname, "carrier: ask for support");
    await carrier.getByLabel("Type d'accompagnement").selectOption("skills");
    await carrier.getByLabel("Titre de la demande").fill("Un site web et des réseaux sociaux");
    await carrier.getByLabel("Ce dont la solution a besoin").fill("Une page pour présenter l'atelier et recruter des bénévoles sur les réseaux sociaux.");
    await carrier.getByLabel("Quantité demandée").fill("6");
    await carrier.getByRole("button", { name: "Publier la demande" }).click();
    await carrier.getByText("Les offres qui correspondent").waitFor();
    const fit = carrier.locator(".fit", { hasText: "Site web et réseaux sociaux pour les porteurs" });
    assert.match(await fit.locator(".fit-reasons").innerText(), /restant/, "the reasons show");
    await check(carrier, new URL(carrier.url()).pathname, "carrier: request with its best offers");
    await fit.getByRole("button", { name: /Demander une mise en relation/ }).click();
    await carrier.getByText("La proposition est envoyée à l'autre partie.").waitFor();
    companionshipPath = new URL(carrier.url()).pathname;
  });
  await step(partner, "partner accepts and logs", async () => {
    await signIn(partner, ACCOUNTS.partner);
    await partner.goto(`${BASE}/demarches/aux-actes-citoyens/bourse`);
    await partner.getByRole("link", { name: "Site web et réseaux sociaux pour les porteurs" }).click();
    await partner.locator(`a[href="${companionshipPath}"]`).click();
    await partner.getByRole("button", { name: "Accepter" }).click();
    await partner.getByText("Le compagnonnage est à jour.").waitFor();
    await partner.getByLabel("Type", { exact: true }).selectOption("meeting");
    await partner.getByLabel("Date", { exact: true }).fill("2026-12-01");
    await partner.getByLabel("Ce qui s'est passé").fill("Première rencontre : maquette de la page d'accueil.");
    await partner.getByRole("button", { name: "Ajouter au journal" }).click();
    await partner.getByText("C'est noté au journal.").waitFor();
    assert.equal(await partner.locator(".badge", { hasText: "En cours" }).count(), 1, "under way");
    await check(partner, companionshipPath, "partner: companionship under way");
    // The partner also publishes a new offer.
    await partner.goto(`${BASE}/demarches/aux-actes-citoyens/bourse`);
    await partner.getByRole("link", { name: "Publier une offre" }).click();
    await check(partner, new URL(partner.url()).pathname, "partner: publish an offer");
    await partner.getByLabel("Type d'accompagnement").selectOption("network");
    await partner.getByLabel("Titre de l'offre").fill("Présentation à nos clients");
    await partner.getByLabel("Ce que vous proposez").fill("Nous présentons les porteurs à nos clients et fournisseurs.");
    await partner.getByLabel("Capacité").fill("4");
    await partner.getByRole("button", { name: "Publier l'offre" }).click();
    await partner.getByText("L'offre est publiée.").waitFor();
  });
  await step(carrier, "carrier completes and testifies", async () => {
    await carrier.goto(`${BASE}${companionshipPath}`);
    assert.equal(await carrier.getByText("Première rencontre : maquette de la page d'accueil.").count(), 1, "the log is shared");
    await carrier.getByRole("button", { name: "Marquer terminé" }).click();
    await carrier.getByLabel("Votre témoignage").fill("Une page en ligne en deux rencontres.");
    await carrier.getByRole("button", { name: "Laisser mon témoignage" }).click();
    await carrier.getByText("Merci pour votre témoignage.").waitFor();
    await check(carrier, companionshipPath, "carrier: completed companionship");
  });
  await carrier.context().close();
  await partner.context().close();
});

test("a participant suggests a resource, a facilitator publishes it and anyone finds it", async () => {
  const participant = await newPage();
  const facilitator = await newPage();
  let resourcePath;
  await step(participant, "participant suggests a resource", async () => {
    await signIn(participant, ACCOUNTS.participant);
    await participant.goto(`${BASE}/demarches/aux-actes-citoyens/ressources`);
    await participant.getByRole("link", { name: "Proposer une ressource" }).click();
    await check(participant, new URL(participant.url()).pathname, "participant: suggest a resource");
    await participant.getByRole("button", { name: "Envoyer la proposition" }).click();
    await participant.locator(".error-summary").waitFor();
    assert.equal(await participant.locator("#titre-error").count(), 1, "the title is required, said next to it");
    await participant.getByLabel("Type de ressource").selectOption("guide");
    await participant.getByLabel("Titre", { exact: true }).fill("Le guide du compostage partagé");
    await participant.getByLabel("Présentation").fill("Installer un composteur de quartier : lieu, bénévoles, règles.");
    await participant.getByLabel("Lien", { exact: true }).fill("https://www.ademe.fr/");
    await participant.getByLabel("Économie circulaire").check();
    await participant.getByLabel("Idée").check();
    await participant.getByRole("button", { name: "Envoyer la proposition" }).click();
    await participant.getByText("Votre proposition sera relue par l'équipe.").waitFor();
    resourcePath = new URL(participant.url()).pathname;
    assert.equal(await participant.getByText("À relire").count() > 0, true, "waiting for review");
  });
  await step(facilitator, "facilitator publishes it", async () => {
    await signIn(facilitator, ACCOUNTS.facilitator);
    await facilitator.goto(`${BASE}/gestion/demarches/aux-actes-citoyens/ressources`);
    await check(facilitator, "/gestion/demarches/aux-actes-citoyens/ressources", "facilitator: ressourcerie queue");
    await facilitator.getByRole("link", { name: "Le guide du compostage partagé" }).click();
    await facilitator.getByRole("button", { name: "Publier" }).click();
    await facilitator.getByText("Le statut de la ressource a changé.").waitFor();
  });
  await step(participant, "anyone finds it", async () => {
    const visitor = await newPage();
    await visitor.goto(`${BASE}/demarches/aux-actes-citoyens/ressources`);
    await visitor.getByLabel("Rechercher").fill("compostage");
    await visitor.getByRole("button", { name: "Filtrer" }).click();
    await visitor.getByRole("link", { name: "Le guide du compostage partagé" }).waitFor();
    assert.equal(await visitor.locator(".resource-card").count(), 1, "only what the search finds");
    await check(visitor, resourcePath, "resource page");
    await visitor.context().close();
  });
  await participant.context().close();
  await facilitator.context().close();
});

/** The demo questionnaire's address, read from the process's list of questionnaires. */
async function demoQuestionnaire(page) {
  await page.goto(`${BASE}/demarches/aux-actes-citoyens/questionnaires`);
  const href = await page.getByRole("link", { name: "Se déplacer dans le Nord Franche-Comté" }).getAttribute("href");
  return href;
}

/** Presses Tab until the focused element matches `selector` (at most 60 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) {
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, "none", `visible focus on ${selector}`);
      return;
    }
  }
  assert.fail(`Tab never reached ${selector}`);
}

test("on a phone, keyboard only, a person answers the questionnaire section by section; without JavaScript too", async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 } });
  await step(page, "questionnaire-keyboard", async () => {
    const questionnaire = await demoQuestionnaire(page);
    await check(page, "/demarches/aux-actes-citoyens/questionnaires", "questionnaires");
    await check(page, questionnaire, "questionnaire: opening page");
    await page.getByRole("link", { name: "Commencer" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Section 1 sur 3").waitFor();
    // Send the empty page first: every required question says so, focusable from the summary.
    await tabTo(page, ".questionnaire-form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.locator(".error-summary").waitFor();
    assert.equal(await page.locator(".field-error").count(), 4);
    await check(page, new URL(page.url()).pathname, "questionnaire: section with errors");
    // Age: arrows choose within a group; Tab goes to the next question.
    await tabTo(page, "input[type=radio]");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "input[type=radio]:not(:checked)");
    await page.keyboard.press("Space");
    await tabTo(page, "select");
    await page.keyboard.type("Montb");
    await tabTo(page, "input[type=radio]");
    for (let i = 0; i < 4; i += 1) await page.keyboard.press("ArrowDown");
    await tabTo(page, ".questionnaire-form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Vos déplacements" }).waitFor();
    // The bus adds the public transport section.
    await tabTo(page, "input[type=radio]");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, "input[type=radio]:not(:checked)");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await tabTo(page, "input[inputmode=decimal]");
    await page.keyboard.type("25");
    await tabTo(page, "input[type=checkbox]");
    await page.keyboard.press("Space");
    await tabTo(page, ".questionnaire-form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByText("Section 3 sur 4").waitFor();
    await check(page, new URL(page.url()).pathname, "questionnaire: grid section");
    for (let row = 0; row < 3; row += 1) {
      await tabTo(page, "input[type=radio]:not(:checked)");
      await page.keyboard.press("ArrowRight");
    }
    await tabTo(page, ".questionnaire-form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByText("Section 4 sur 4").waitFor();
    await tabTo(page, "input[inputmode=numeric]");
    await page.keyboard.type("2");
    await page.keyboard.press("Tab");
    await page.keyboard.type("1");
    await page.keyboard.press("Tab");
    await page.keyboard.type("3");
    await tabTo(page, "textarea");
    await page.keyboard.type("Des bus toutes les dix minutes entre Belfort et Montbeliard.");
    await tabTo(page, ".questionnaire-form button[type=submit]");
    await page.keyboard.press("Enter");
    await page.getByText("Merci, votre réponse est enregistrée.").waitFor();
    await page.getByRole("link", { name: "Résultats" }).click();
    await check(page, new URL(page.url()).pathname, "questionnaire: results (weighted)");
    assert.ok(await page.locator("svg.bar-chart").count() >= 5, "charts drawn by the server");
    await page.getByText("Part redressée").first().waitFor();
  });
  await page.context().close();

  const plain = await newPage({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  await step(plain, "questionnaire-without-javascript", async () => {
    const questionnaire = await demoQuestionnaire(plain);
    await plain.goto(`${BASE}${questionnaire}/sections/1`);
    await plain.getByRole("radio", { name: "75 ans ou plus" }).check();
    await plain.getByRole("radio", { name: "Homme" }).check();
    await plain.getByLabel(/Votre commune de résidence/).selectOption({ label: "Belfort" });
    await plain.getByRole("radio", { name: "Retraité·e" }).check();
    await plain.getByRole("button", { name: "Enregistrer et continuer" }).click();
    await plain.getByRole("radio", { name: "Voiture" }).check();
    await plain.getByRole("radio", { name: "2", exact: true }).check();
    await plain.getByRole("button", { name: "Enregistrer et continuer" }).click();
    await plain.getByText("Section 3 sur 3").waitFor();
    // Leave, come back: the browser remembers where this anonymous person was.
    await plain.goto(`${BASE}${questionnaire}`);
    await plain.getByRole("link", { name: "Reprendre où vous en étiez" }).click();
    await plain.getByText("Section 3 sur 3").waitFor();
    await plain.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await plain.getByText("Merci, votre réponse est enregistrée.").waitFor();
  });
  await plain.context().close();

  const team = await newPage();
  await step(team, "questionnaire-team", async () => {
    await signIn(team, ACCOUNTS.facilitator);
    const questionnaire = await demoQuestionnaire(team);
    const id = questionnaire.split("/").pop();
    await check(team, `/gestion/questionnaires/${id}`, "facilitator: questionnaire builder");
    await check(team, `/gestion/questionnaires/${id}/ponderation`, "facilitator: weighting report");
    await check(team, `/gestion/questionnaires/${id}/saisie`, "facilitator: paper entry");
    await team.getByRole("radio", { name: "30 à 44 ans" }).check();
    await team.getByRole("radio", { name: "Femme" }).check();
    await team.getByLabel(/Votre commune de résidence/).selectOption({ label: "Héricourt" });
    await team.getByRole("radio", { name: "Employé·e" }).check();
    await team.getByRole("radio", { name: "Vélo" }).check();
    await team.getByRole("radio", { name: "4", exact: true }).first().check();
    await team.getByRole("button", { name: "Enregistrer ce questionnaire" }).click();
    await team.getByText("Questionnaire enregistré").waitFor();
  });
  await team.context().close();
});

test("a visitor reads a commune's portrait, compares it with the pôle and maps the share aged 75 and over across the pôle's communes", async () => {
  const page = await newPage();
  await step(page, "portrait", async () => {
    await visit(page, "/territoires/commune/90010");
    await page.getByRole("link", { name: "Portrait du territoire" }).click();
    await page.waitForURL("**/territoires/commune/90010/portrait");
    assert.equal(await page.locator("h1").textContent(), "Portrait : Belfort");
    const ages = page.getByRole("table", { name: "Structure par âge" });
    assert.equal(await ages.locator("tbody tr").count(), 6);
    await page.getByLabel("Comparer avec").selectOption({ label: "Pôle métropolitain Nord Franche-Comté (Pôle métropolitain)" });
    await page.getByLabel("Indicateur de la carte").selectOption({ label: "Part : 75 ans et plus" });
    await page.getByRole("button", { name: "Afficher" }).press("Enter");
    await page.waitForURL("**/portrait?reference=*");
    assert.match(await page.locator("svg.bar-chart").first().textContent(), /Pôle métropolitain Nord Franche-Comté/);
    const reference = await ages.locator("tbody tr").first().locator("td").last().textContent();
    assert.match(reference, /^\d+,\d\u00a0%$/, "the pôle's share beside Belfort's");
    const csv = await page.request.get(`${BASE}${await page.getByRole("link", { name: "Télécharger ces tableaux (CSV)" }).getAttribute("href")}`);
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /Structure par âge;2016;0 à 14 ans;/);
    await visit(page, "/territoires/pole/pmnfc/portrait?indicateur=age-75p");
    assert.equal(await page.locator("#carte-indicateur a").count(), 197, "every commune on the map");
    assert.ok(await page.getByRole("heading", { name: "Les moins entendus" }).isVisible());
    await screenshots(page, "portrait");
  });
  await page.context().close();
});

test("a manager adds an indicator, enters its values by keyboard and from a file, publishes the mid-term report that a visitor prints", async () => {
  const page = await newPage();
  await signIn(page, ACCOUNTS.manager);
  await step(page, "evaluation framework", async () => {
    await visit(page, "/demarches/aux-actes-citoyens/indicateurs");
    await page.getByRole("link", { name: "Référentiel d'évaluation" }).click();
    await page.waitForURL("**/gestion/demarches/aux-actes-citoyens/indicateurs");
    const stamp = Date.now();
    const question = `Les jeunes ont-ils pris part ? ${stamp}`;
    const name = `Jeunes présents aux ateliers ${stamp}`;
    await page.getByLabel("Question évaluative").fill(question);
    await page.getByLabel("Indicateur", { exact: true }).fill(name);
    await page.getByLabel("Unité").selectOption("nombre");
    await page.getByLabel("Fréquence").selectOption("mensuelle");
    await page.getByLabel("Cible", { exact: true }).fill("200");
    await page.getByLabel("Source").fill("Feuilles d'émargement");
    await page.getByRole("button", { name: "Ajouter un indicateur" }).press("Enter");
    await page.waitForURL("**/indicateurs");
    const card = page.getByRole("article").filter({ hasText: name });
    await card.getByLabel("Date", { exact: true }).fill("2026-11-01");
    await card.getByLabel("Valeur", { exact: true }).fill("12,5");
    await card.getByLabel("Valeur", { exact: true }).press("Enter");
    assert.ok(await page.getByText("Un nombre entier positif est attendu.").isVisible(), "a count is whole");
    const again = page.getByRole("article").filter({ hasText: name });
    await again.getByLabel("Date", { exact: true }).fill("2026-11-01");
    await again.getByLabel("Valeur", { exact: true }).fill("40");
    await again.getByLabel("Valeur", { exact: true }).press("Enter");
    await page.waitForURL("**/indicateurs");
    await page.getByRole("article").filter({ hasText: name })
      .getByLabel("Importer des valeurs (CSV : date ; valeur)")
      .setInputFiles({ name: "valeurs.csv", mimeType: "text/csv", buffer: Buffer.from("date;valeur\n2026-12-01;65\n2026-13-01;70\n") });
    await page.getByRole("article").filter({ hasText: name }).getByRole("button", { name: "Importer", exact: true }).click();
    await page.getByText("1 valeur(s) gardée(s), 1 refusée(s).").waitFor();
    assert.ok(await page.getByText("Ligne 3 : Une date AAAA-MM-JJ est attendue.").isVisible());
    await audit(page, "evaluation framework with an import report");
    await page.getByRole("link", { name: "Rapport d'évaluation à mi-parcours" }).click();
    await page.getByRole("region", { name: question }).or(page.locator("section", { hasText: question })).first().getByLabel("Analyse de l'équipe").fill("Les **jeunes** viennent aux ateliers du mercredi.");
    await page.getByLabel("Publier le rapport (lisible par tous)").check();
    await page.getByRole("button", { name: "Enregistrer le rapport" }).click();
    await page.waitForURL("**/demarches/aux-actes-citoyens/evaluation/mi-parcours");
    await screenshots(page, "evaluation-report");
  });
  await page.context().close();
  const visitor = await newPage();
  await step(visitor, "evaluation report", async () => {
    await visit(visitor, "/demarches/aux-actes-citoyens/evaluation/mi-parcours");
    assert.ok(await visitor.locator("strong", { hasText: "jeunes" }).isVisible(), "the analysis, as Markdown");
    assert.ok(await visitor.locator("svg.line-chart").first().isVisible(), "the values drawn");
    const pdf = await visitor.pdf({ format: "A4" });
    assert.ok(pdf.length > 10000, "printed");
  });
  await visitor.context().close();
});

test("every page type passes axe-core, stays under 100 KB and calls no other host", async () => {
  const visitor = await newPage();
  for (const [path, name] of [
    ["/", "home"],
    ["/demarches/aux-actes-citoyens", "process"],
    ["/territoires/commune/90010", "territory (commune)"],
    ["/territoires/epci/200069052", "territory (EPCI)"],
    ["/territoires/commune/90010/portrait", "portrait (commune)"],
    ["/territoires/pole/pmnfc/portrait?indicateur=age-75p", "portrait (pôle, age map)"],
    ["/territoires/iris/900100101/portrait", "portrait (IRIS)"],
    ["/inscription", "sign up"],
    ["/connexion", "sign in"],
    ["/mot-de-passe-oublie", "password reset"],
    ["/accessibilite", "accessibility statement"],
    ["/a-propos", "about (illustrative demo)"],
    ["/demarches/aux-actes-citoyens/opinions/carte", "opinion map (demo)"],
    ["/demarches/aux-actes-citoyens/synthese", "synthesis (demo)"],
    ["/demarches/aux-actes-citoyens/solutions", "solutions list"],
    ["/demarches/aux-actes-citoyens/solutions/planisphere", "planisphère"],
    ["/demarches/aux-actes-citoyens/vous-avez-dit", "you said, we did"],
    ["/demarches/aux-actes-citoyens/partenaires", "partners"],
    ["/demarches/aux-actes-citoyens/bourse", "bourse aux initiatives"],
    ["/demarches/aux-actes-citoyens/ressources", "ressourcerie"],
    ["/demarches/aux-actes-citoyens/budget", "budget"],
    ["/demarches/aux-actes-citoyens/indicateurs", "indicators"],
    ["/nulle-part", "error 404"],
  ]) await check(visitor, path, name);
  await step(visitor, "sign up errors", async () => {
    await visitor.goto(`${BASE}/inscription`);
    await visitor.getByRole("button", { name: "Créer mon compte" }).click();
    await visitor.locator(".error-summary").waitFor();
    await audit(visitor, "sign up with errors");
    await screenshots(visitor, "sign-up-errors");
  });
  await visitor.context().close();

  const roles = [
    ["participant", [["/compte", "participant: account"], ["/compte/notifications", "participant: notifications"]]],
    ["facilitator", [["/compte", "facilitator: account"], ["/demarches/aux-actes-citoyens/agenda", "agenda"]]],
    ["moderator", [["/compte", "moderator: account"]]],
    ["partner", [["/compte", "partner: account"], ["/organisations/nouvelle", "partner: register an organisation"]]],
    ["manager", [["/gestion", "manager: processes"], ["/gestion/demarches/aux-actes-citoyens", "manager: edit process"], ["/gestion/demarches/aux-actes-citoyens/etapes", "manager: solution stages"], ["/gestion/demarches/aux-actes-citoyens/solutions/import", "manager: import solutions"], ["/gestion/demarches/aux-actes-citoyens/partenaires", "manager: partners"], ["/gestion/demarches/aux-actes-citoyens/bourse", "manager: bourse figures"], ["/gestion/demarches/aux-actes-citoyens/ressources/import", "manager: import resources"], ["/gestion/demarches/aux-actes-citoyens/budget", "manager: budget"], ["/gestion/demarches/aux-actes-citoyens/indicateurs", "manager: evaluation framework"], ["/gestion/demarches/aux-actes-citoyens/evaluation/finale", "manager: final report's analyses"], ["/demarches/aux-actes-citoyens/evaluation/finale", "manager: final report (unpublished)"], ["/gestion/territoires", "error 403 (territory import is for admins)"], ["/admin", "error 403"]]],
    ["admin", [["/admin", "admin: dashboard"], ["/admin/roles", "admin: roles"], ["/admin/courriels", "admin: outbox"], ["/admin/journal", "admin: audit log"], ["/gestion/territoires", "admin: territory import"], ["/gestion/observatoire", "admin: census import"]]],
  ];
  for (const [role, pages] of roles) {
    const page = await newPage();
    await signIn(page, ACCOUNTS[role]);
    for (const [path, name] of pages) await check(page, path, name);
    await page.context().close();
  }
});
