// Page behaviours shared by every page, as a static file for the CSP.
// - After an action the result message is where the person lands: focus moves to it
//   (its role="status" region announces it) and it is scrolled into view.
// - A link to a closed <details> (an action form) opens it and moves focus into it; so
//   does an address whose #fragment names one.
// - form[data-confirm] asks first in a modal dialog (#site-confirm), showing the text of
//   data-confirm and, when data-confirm-preview names an element, a copy of it.
// - A table wider than its box (a phone) scrolls inside .krds-table-wrap; keyboard users
//   must reach that scroll (WCAG 2.1.1), so such a wrap becomes a focusable region named
//   by its table's caption while it scrolls. Wraps marked up focusable stay as written.
(function () {
  "use strict";

  function markScrollingTables(root) {
    (root || document).querySelectorAll(".krds-table-wrap").forEach(function (wrap) {
      if (wrap.dataset.scrollFocus === undefined) {
        wrap.dataset.scrollFocus = wrap.hasAttribute("tabindex") ? "markup" : "script";
      }
      if (wrap.dataset.scrollFocus !== "script") return;
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markScrollingTables(); });
  window.addEventListener("resize", function () { markScrollingTables(); });
  document.addEventListener("htmx:afterSettle", function (event) { markScrollingTables(event.target); });

  function openDetails(target) {
    var details = target && target.closest("details");
    if (!details) return false;
    details.open = true;
    var summary = details.querySelector("summary");
    var field = details.querySelector("textarea, input:not([type=hidden]), select");
    (field || summary).focus();
    details.scrollIntoView({ block: "start" });
    return true;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var message = document.querySelector("#site-messages[data-has-messages]");
    var preview = document.getElementById("decision-preview");
    if (preview) {
      preview.focus();
      preview.scrollIntoView({ block: "start" });
    } else if (message) {
      message.focus();
      message.scrollIntoView({ block: "start" });
    } else if (location.hash.length > 1) {
      var target = document.getElementById(location.hash.slice(1));
      if (target && target.tagName === "DETAILS") openDetails(target.querySelector("summary"));
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-open-details]");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (target && openDetails(target.querySelector("summary") || target)) {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
    }
  });

  // Confirmation
  var dialog = document.getElementById("site-confirm");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var pending = null;
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-confirm]") || form.dataset.confirmed === "yes") return;
    event.preventDefault();
    pending = { form: form, submitter: event.submitter || null };
    dialog.querySelector("[data-confirm-text]").textContent = form.dataset.confirm;
    var preview = dialog.querySelector("[data-confirm-preview]");
    preview.replaceChildren();
    var source = form.dataset.confirmPreview && document.getElementById(form.dataset.confirmPreview);
    if (source) {
      var copy = source.cloneNode(true);
      copy.removeAttribute("id");
      copy.querySelectorAll("[id]").forEach(function (element) { element.removeAttribute("id"); });
      preview.appendChild(copy);
    }
    preview.hidden = !source;
    dialog.showModal();
    dialog.querySelector("[data-confirm-yes]").focus();
  });
  dialog.querySelector("[data-confirm-yes]").addEventListener("click", function () {
    if (!pending) return;
    var form = pending.form;
    form.dataset.confirmed = "yes";
    dialog.close();
    if (pending.submitter) form.requestSubmit(pending.submitter);
    else form.requestSubmit();
  });
  dialog.querySelector("[data-confirm-no]").addEventListener("click", function () {
    dialog.close();
  });
  dialog.addEventListener("close", function () {
    if (pending && pending.form.dataset.confirmed !== "yes") {
      var back = pending.submitter || pending.form.querySelector("button[type=submit]");
      if (back) back.focus();
    }
  });
})();
