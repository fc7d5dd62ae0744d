// Keyboard shortcuts of the review form. The form works without this file (Tab, arrows, Space).
"use strict";
document.addEventListener("keydown", (event) => {
  const form = document.getElementById("verdict");
  const target = event.target;
  if (!form) return;
  if (event.key === "Enter" && event.ctrlKey) {
    event.preventDefault();
    form.requestSubmit();
    return;
  }
  if (target instanceof HTMLTextAreaElement || event.ctrlKey || event.altKey || event.metaKey) {
    return;
  }
  const choices = { a: "left", b: "right", e: "equal", x: "both_bad" };
  const choice = choices[event.key.toLowerCase()];
  if (choice) {
    const radio = form.querySelector(`input[name="choice"][value="${choice}"]`);
    radio.checked = true;
    radio.focus();
    event.preventDefault();
  } else if (/^[1-5]$/.test(event.key) && target instanceof HTMLInputElement && target.type === "radio") {
    const radio = form.querySelector(`input[name="${target.name}"][value="${event.key}"]`);
    if (radio) {
      radio.checked = true;
      radio.focus();
      event.preventDefault();
    }
  }
});
