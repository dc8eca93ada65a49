// Form helpers, as a static file for the CSP (all driven by data- attributes):
// - [data-dept-picker]: a search box narrows the department checkboxes (grouped by 실·국)
//   and says how many are shown.
// - [data-select-all="form-id"]: checks or clears every row checkbox of that form on
//   this page, and follows the rows (checked, cleared or mixed).
// - [data-bulk-choice] radios show only the fieldset [data-bulk-for] of the chosen action.
// - After a refused submit the first field in error takes focus (its message is beside it).
(function () {
  "use strict";

  function words(text) {
    return text.toLowerCase().replace(/\s+/g, "");
  }

  function setUpDepartmentPicker(picker) {
    var search = picker.querySelector("[data-dept-search]");
    var status = picker.querySelector("[data-dept-status]");
    picker.querySelector(".site-dept-search").hidden = false;
    search.addEventListener("input", function () {
      var query = words(search.value);
      var shown = 0;
      picker.querySelectorAll("[data-dept-group]").forEach(function (group) {
        var office = words(group.querySelector("legend").textContent);
        var any = false;
        group.querySelectorAll("[data-dept-option]").forEach(function (option) {
          var match = !query || office.indexOf(query) >= 0 || words(option.textContent).indexOf(query) >= 0;
          option.hidden = !match;
          if (match) {
            any = true;
            shown += 1;
          }
        });
        group.hidden = !any;
      });
      status.textContent = picker.dataset.countText ? picker.dataset.countText.replace("%s", shown) : String(shown);
    });
  }

  function rowBoxes(formId) {
    return document.querySelectorAll('input[type=checkbox][name=ids][form="' + formId + '"]');
  }

  function setUpSelectAll(box) {
    var formId = box.dataset.selectAll;
    function follow() {
      var boxes = Array.prototype.slice.call(rowBoxes(formId));
      var checked = boxes.filter(function (item) { return item.checked; }).length;
      box.checked = boxes.length > 0 && checked === boxes.length;
      box.indeterminate = checked > 0 && checked < boxes.length;
    }
    box.addEventListener("change", function () {
      rowBoxes(formId).forEach(function (item) { item.checked = box.checked; });
    });
    document.addEventListener("change", function (event) {
      if (event.target.matches('input[name=ids][form="' + formId + '"]')) follow();
    });
    follow();
  }

  function setUpBulkChoice(form) {
    var radios = form.querySelectorAll("[data-bulk-choice] input[type=radio]");
    function show() {
      var chosen = form.querySelector("[data-bulk-choice] input[type=radio]:checked");
      form.querySelectorAll("[data-bulk-for]").forEach(function (fieldset) {
        fieldset.hidden = !chosen || fieldset.dataset.bulkFor !== chosen.value;
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", show); });
    show();
  }

  function focusFirstError() {
    var field = document.querySelector("main [aria-invalid=true], main .is-error input, main .is-error select, main .is-error textarea");
    if (!field) return;
    var details = field.closest("details");
    if (details) details.open = true;
    field.focus();
    field.scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-dept-picker]").forEach(setUpDepartmentPicker);
    document.querySelectorAll("[data-select-all]").forEach(setUpSelectAll);
    document.querySelectorAll("form[data-bulk-form]").forEach(setUpBulkChoice);
    if (!document.querySelector("#site-messages[data-has-messages]")) focusFirstError();
  });
  // The proposal list is swapped by htmx when filters change: wire its new header box.
  document.addEventListener("htmx:afterSwap", function (event) {
    event.target.querySelectorAll("[data-select-all]").forEach(setUpSelectAll);
  });
})();
