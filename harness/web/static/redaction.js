// The studio's editor: sends the text to the lint endpoint a moment after typing stops, shows
// the violations under the text and in a list, and applies a suggestion on a click or Alt+Enter.
"use strict";
(() => {
  const DELAY_MS = 250;
  const area = document.getElementById("texte");
  const layer = document.getElementById("surlignage");
  const list = document.getElementById("constats");
  const status = document.getElementById("etat");
  const token = document.querySelector('meta[name="plume-jeton"]').content;
  const endpoint = document.querySelector('meta[name="plume-api"]').content;
  let found = [];
  let timer = null;
  let asked = 0;

  const element = (name, text, className) => {
    const node = document.createElement(name);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  // The layer behind the text area holds the same text, with each flagged stretch in a <mark>.
  function paint() {
    const text = area.value;
    // Measures (info) and rules about the whole text (its length) are only listed: painting a
    // whole paragraph would hide the passages to fix.
    const spans = found.filter(
      (v) => v.start < v.end && v.severity !== "info" && !(v.start === 0 && v.end === text.length),
    );
    const cuts = new Set([0, text.length]);
    spans.forEach((v) => { cuts.add(v.start); cuts.add(v.end); });
    const sorted = [...cuts].sort((a, b) => a - b);
    layer.replaceChildren();
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [low, high] = [sorted[i], sorted[i + 1]];
      const over = spans.filter((v) => v.start <= low && high <= v.end);
      if (over.length === 0) {
        layer.append(text.slice(low, high));
      } else {
        const mark = element("mark", text.slice(low, high), over.some((v) => v.severity === "error") ? "error" : "warning");
        mark.dataset.regles = over.map((v) => v.rule).join(" ");
        layer.append(mark);
      }
    }
    layer.append("\n");  // a final newline in the text area needs a line here too
    layer.scrollTop = area.scrollTop;
  }

  function describe() {
    list.replaceChildren();
    found.forEach((v) => {
      const item = element("li", "", `constat ${v.severity}`);
      item.dataset.regle = v.rule;
      const head = element("p");
      const excerpt = v.excerpt.length > 60 ? `${v.excerpt.slice(0, 59)}…` : v.excerpt;
      head.append(element("strong", `${v.rule} — ${v.title}`), ` · ${v.severity_title} · « ${excerpt} » : `, v.message);
      item.append(head, element("p", `Pourquoi : ${v.rationale}`, "pourquoi"));
      if (v.choices.length) {
        const actions = element("p");
        v.choices.forEach((choice) => {
          const button = element("button", choice === "" ? "Supprimer" : `Remplacer par « ${choice} »`, "appliquer");
          button.type = "button";
          button.addEventListener("click", () => apply(v, choice));
          actions.append(button);
        });
        item.append(actions);
      } else if (v.suggestion) {
        item.append(element("p", `Suggestion : ${v.suggestion}`, "suggestion"));
      }
      list.append(item);
    });
    status.textContent = found.length === 0 ? "Aucun problème trouvé." : `${found.length} passage(s) à revoir.`;
  }

  async function check() {
    const text = area.value;
    const number = ++asked;
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", "x-plume-jeton": token },
      body: JSON.stringify({ texte: text }),
      credentials: "same-origin",
    });
    const answer = await response.json();
    if (number !== asked || area.value !== text) return;  // the writer typed meanwhile
    if (!response.ok) {
      found = [];
      paint();
      list.replaceChildren();
      status.textContent = answer.erreur || "La vérification a échoué.";
      return;
    }
    found = answer.violations;
    paint();
    describe();
  }

  function apply(violation, choice) {
    const text = area.value;
    let end = violation.end;
    // Deleting a phrase also deletes the space after it, so that no double space is left.
    if (choice === "" && text[end] === " " && (violation.start === 0 || /\s/.test(text[violation.start - 1]))) end += 1;
    area.value = text.slice(0, violation.start) + choice + text.slice(end);
    area.focus();
    area.setSelectionRange(violation.start + choice.length, violation.start + choice.length);
    found = [];
    paint();
    check();
  }

  area.addEventListener("input", () => {
    found = [];  // stale offsets would highlight the wrong characters
    paint();
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  });
  area.addEventListener("scroll", () => { layer.scrollTop = area.scrollTop; });
  area.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.altKey) return;
    const at = area.selectionStart;
    const here = found.find((v) => v.start <= at && at <= v.end && v.choices.length);
    if (here) {
      event.preventDefault();
      apply(here, here.choices[0]);
    }
  });
  paint();
})();
