// The document page's keyboard and one-click choices; everything else is forms and htmx.
// 1/2/3 pick a department suggestion, Enter approves (or, once changed, corrects).
"use strict";

function decisionForm() {
  return document.querySelector("form.decide");
}

function changed(form) {
  return [...form.elements].some((el) =>
    el.tagName === "SELECT" ? !el.selectedOptions[0]?.defaultSelected
      : el.type !== "hidden" && el.tagName === "INPUT" && el.value !== el.defaultValue);
}

function refresh(form) {
  const edited = changed(form);
  form.classList.toggle("changed", edited);
  // Bestätigen delivers Semantha's proposal: not once the clerk has changed something.
  const approve = form.querySelector("button.approve");
  approve.disabled = edited || !approve.hasAttribute("data-proposal");
  for (const pick of form.querySelectorAll("button[data-pick]")) {
    const chosen = document.getElementById(pick.dataset.pick).value === pick.dataset.value;
    pick.setAttribute("aria-pressed", String(chosen));
  }
}

document.addEventListener("click", (event) => {
  const pick = event.target.closest("button[data-pick]");
  if (!pick) return;
  const select = document.getElementById(pick.dataset.pick);
  select.value = pick.dataset.value;
  refresh(pick.form);
});

document.addEventListener("input", (event) => {
  const form = event.target.closest("form.decide");
  if (form) refresh(form);
});

// htmx gives the focus back to the field of the same id on the next page: then 1/2/3
// would type into it. A new page starts with the focus on none.
document.addEventListener("htmx:afterSettle", () => {
  if (document.activeElement?.closest("form.decide")) document.activeElement.blur();
});

document.addEventListener("keydown", (event) => {
  const form = decisionForm();
  if (!form || event.ctrlKey || event.altKey || event.metaKey || event.isComposing) return;
  const typing = event.target.matches("input, select, textarea");
  if (!typing && ["1", "2", "3"].includes(event.key)) {
    const pick = form.querySelector(`button[data-pick="department"][data-key="${event.key}"]`);
    if (pick) { event.preventDefault(); pick.click(); }
  } else if (event.key === "Enter" && !event.target.matches("button, a, textarea")) {
    event.preventDefault();
    const approve = form.querySelector("button.approve");
    (approve.disabled ? form.querySelector("button.correct") : approve).click();
  }
});
