// The header's menus (templates/partials/header.html), as a static file for the CSP:
// - [data-menu-toggle] buttons open the panel they control (내 업무, the account menu);
//   Escape or a click elsewhere closes it and Escape returns focus to the button.
// - [data-drawer-open] opens the 전체메뉴 drawer (a modal <dialog>): the rest of the page
//   is inert, Tab and Shift+Tab cycle inside it, Escape closes it and focus returns to
//   the button that opened it.
// - the header's height is published as --site-header-height, so that anchors scrolled
//   to on wide screens (where the header is sticky) are not hidden under it.
(function () {
  "use strict";

  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

  function panelOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setOpen(button, open) {
    var panel = panelOf(button);
    if (!panel) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.hidden = !open;
    panel.classList.toggle("is-open", open);
  }

  function closeAllMenus(except) {
    document.querySelectorAll("[data-menu-toggle][aria-expanded='true']").forEach(function (button) {
      if (button !== except) setOpen(button, false);
    });
  }

  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-menu-toggle]");
    if (toggle) {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      closeAllMenus(toggle);
      setOpen(toggle, open);
      return;
    }
    var openButton = document.querySelector("[data-menu-toggle][aria-expanded='true']");
    if (openButton && !panelOf(openButton).contains(event.target)) closeAllMenus(null);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var openButton = document.querySelector("[data-menu-toggle][aria-expanded='true']");
    if (openButton) {
      setOpen(openButton, false);
      openButton.focus();
    }
  });

  // 전체메뉴
  var drawer = document.getElementById("site-drawer");
  var opener = document.querySelector("[data-drawer-open]");
  if (drawer && opener && typeof drawer.showModal === "function") {
    opener.addEventListener("click", function () {
      drawer.showModal();
      opener.setAttribute("aria-expanded", "true");
      var close = drawer.querySelector("[data-drawer-close]");
      if (close) close.focus();
    });
    drawer.addEventListener("close", function () {
      opener.setAttribute("aria-expanded", "false");
      opener.focus();
    });
    drawer.querySelectorAll("[data-drawer-close]").forEach(function (button) {
      button.addEventListener("click", function () {
        drawer.close();
      });
    });
    // A click on the backdrop (outside the panel) closes it.
    drawer.addEventListener("click", function (event) {
      if (event.target === drawer) drawer.close();
    });
    // A modal dialog makes the page inert, but Tab would still leave for the browser's
    // own controls: keep it cycling inside.
    drawer.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;
      var items = Array.prototype.filter.call(drawer.querySelectorAll(FOCUSABLE), function (element) {
        return element.offsetParent !== null;
      });
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
    // Back on a wide screen the drawer has nothing to offer.
    window.matchMedia("(min-width: 1024px)").addEventListener("change", function (query) {
      if (query.matches && drawer.open) drawer.close();
    });
  }

  function publishHeaderHeight() {
    var header = document.getElementById("krds-header");
    if (header) document.documentElement.style.setProperty("--site-header-height", header.offsetHeight + "px");
  }
  publishHeaderHeight();
  window.addEventListener("resize", publishHeaderHeight);
})();
