// The quarantine review page: signs in with the archive's users (HTTP Basic on every call, kept in
// this tab only), lists what is held back, and corrects, releases or rejects one instance.
"use strict";

const $ = (id) => document.getElementById(id);
let credentials = sessionStorage.getItem("roentgen.credentials");
let current = null;

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: "Basic " + credentials }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.status === 401) {
    signOut("Your session ended: sign in again.");
    throw new Error("signed out");
  }
  return response;
}

async function problem(response) {
  try {
    const body = await response.json();
    return body.error || response.statusText;
  } catch (e) {
    return response.statusText;
  }
}

function show(id, visible) { $(id).hidden = !visible; }

function say(text) { $("message").textContent = text; show("message", true); show("error", false); }

function fail(text) { $("error").textContent = text; show("error", true); show("message", false); }

function signOut(why) {
  credentials = null;
  sessionStorage.removeItem("roentgen.credentials");
  show("who", false); show("queue", false); show("detail", false); show("login", true);
  if (why) { $("login-error").textContent = why; show("login-error", true); }
}

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  credentials = btoa(unescape(encodeURIComponent($("user").value + ":" + $("password").value)));
  const response = await fetch("/api/me", { headers: { Authorization: "Basic " + credentials } });
  if (!response.ok) {
    credentials = null;
    $("login-error").textContent = "Unknown user or wrong password.";
    show("login-error", true);
    return;
  }
  sessionStorage.setItem("roentgen.credentials", credentials);
  await start(await response.json());
});

$("signout").addEventListener("click", () => signOut());
$("back").addEventListener("click", () => { show("detail", false); loadQueue(); });

async function start(me) {
  $("who-name").textContent = me.user + " (" + me.roles[me.roles.length - 1] + ")";
  show("who", true); show("login", false); show("login-error", false);
  await loadQueue();
}

async function loadQueue() {
  show("queue", true);
  const response = await api("/api/quarantine?state=held");
  const body = $("held").querySelector("tbody");
  body.textContent = "";
  if (!response.ok) {
    $("count").textContent = "";
    show("empty", false);
    fail(response.status === 403
      ? "Your role may not review quarantined images (technologist or above)."
      : "The list could not be loaded: " + await problem(response));
    show("detail", true); show("review", false); show("back", false);
    return;
  }
  const items = await response.json();
  $("count").textContent = "(" + items.length + ")";
  show("empty", items.length === 0);
  for (const item of items) {
    const row = document.createElement("tr");
    row.dataset.sop = item.sopInstanceUid;
    const why = (item.quarantine && item.quarantine.reason) || "";
    for (const text of [new Date(item.heldAt).toLocaleString(), item.patientName || "", item.modality || "",
        item.station || "", why]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.appendChild(cell);
    }
    row.addEventListener("click", () => open(item.sopInstanceUid));
    body.appendChild(row);
  }
}

async function open(sop) {
  show("message", false); show("error", false); show("review", true); show("back", true);
  const response = await api("/api/quarantine/" + encodeURIComponent(sop));
  if (!response.ok) { fail(await problem(response)); return; }
  current = await response.json();
  show("queue", false); show("detail", true);
  $("detail-title").textContent = (current.patientName || "") + " — " + (current.modality || "") +
    " — version " + current.version + " — " + current.state.toLowerCase();
  const form = $("review");
  for (const [keyword, value] of Object.entries(current.attributes)) {
    if (form.elements[keyword]) { form.elements[keyword].value = value || ""; }
  }
  $("series-description").textContent = current.attributes.SeriesDescription || "";
  const findings = $("findings");
  findings.textContent = "";
  for (const f of current.validationFindings.concat(current.qcFindings)) {
    const li = document.createElement("li");
    li.textContent = (f.severity || "") + " " + (f.ruleId || f.checkId || "") + ": " + (f.message || "");
    findings.appendChild(li);
  }
  const history = $("history");
  history.textContent = "";
  for (const h of current.history) {
    const li = document.createElement("li");
    li.textContent = new Date(h.at).toLocaleString() + " " + h.user + " " + h.action.toLowerCase() +
      ": " + h.reason;
    history.appendChild(li);
  }
  $("preview").removeAttribute("src");
  $("preview-caption").textContent = "";
  if (current.preview) {
    const image = await api("/api/quarantine/" + encodeURIComponent(sop) + "/preview");
    if (image.ok) { $("preview").src = URL.createObjectURL(await image.blob()); }
  } else {
    $("preview-caption").textContent = "No preview of this image.";
  }
  for (const id of ["correct", "release", "reject"]) { $(id).disabled = current.state !== "HELD"; }
}

function reason() {
  const text = $("reason").value.trim();
  if (!text) { fail("Give a reason: it is recorded with your name."); }
  return text;
}

async function act(path, payload, done) {
  const response = await api("/api/quarantine/" + encodeURIComponent(current.sopInstanceUid) + path, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
  if (response.status === 403) { fail("Your role may not do this (technologist or above)."); return null; }
  if (!response.ok) { fail(await problem(response)); return null; }
  const result = await response.json();
  await open(current.sopInstanceUid);
  say(done(result));
  return result;
}

$("correct").addEventListener("click", async () => {
  const why = reason();
  if (!why) { return; }
  const changes = {};
  const form = $("review");
  for (const [keyword, value] of Object.entries(current.attributes)) {
    const field = form.elements[keyword];
    if (field && field.value !== (value || "") && field.value !== "") { changes[keyword] = field.value; }
  }
  if (Object.keys(changes).length === 0) { fail("Nothing was changed."); return; }
  await act("/corrections", { reason: why, changes },
    (r) => "Saved as version " + r.version + ": " + r.changes.map((c) => c.keyword + " " + (c.from || "(none)") +
      " → " + c.to).join(", ") + ". Release it to send it on.");
});

$("release").addEventListener("click", async () => {
  const why = reason();
  if (!why) { return; }
  await act("/release", { reason: why }, (r) => "Released version " + r.version + ": the router sends it on.");
});

$("reject").addEventListener("click", async () => {
  const why = reason();
  if (!why) { return; }
  await act("/reject", { reason: why, rejectReason: $("reject-reason").value },
    (r) => "Rejected (" + r.rejectReason.toLowerCase() + "). The image is kept, not sent.");
});

if (credentials) {
  api("/api/me").then((r) => r.json()).then(start).catch(() => signOut());
} else {
  signOut();
}
