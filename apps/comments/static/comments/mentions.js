// A person picked from the mention suggestions goes into the comment text at the cursor
// as their mention link (@[이름](person:42)); the server suggests only people who may see it.
document.addEventListener("change", function (event) {
  var input = event.target;
  if (!input.matches || !input.matches("input[data-mention-into]")) return;
  var token = input.value;
  var body = document.getElementById(input.getAttribute("data-mention-into"));
  if (!body || token.indexOf("@[") !== 0) return;
  var at = typeof body.selectionStart === "number" ? body.selectionStart : body.value.length;
  var before = body.value.slice(0, at);
  var spacer = before && !/\s$/.test(before) ? " " : "";
  body.value = before + spacer + token + " " + body.value.slice(at);
  input.value = "";
  body.focus();
  var caret = (before + spacer + token + " ").length;
  body.setSelectionRange(caret, caret);
});
