/* Offre de services Clefop — livret d'un territoire choisi pour un rendez-vous ou une
   réunion : par public, thématique ou priorité Clefop. Chaque dispositif de la page porte
   ses valeurs (data-public, data-thematique, data-priorite) ; on masque ceux qui ne
   correspondent pas, et les groupes vidés, et on garde le choix dans l'adresse
   (?public=…&thematique=…&priorite=…). Sans JavaScript, tout le livret est affiché. */
(function (global) {
  "use strict";

  var form = document.querySelector("[data-offre-livret-filtres]");
  if (!form) { return; }
  var NAMES = ["public", "thematique", "priorite"];
  var count = form.querySelector("[data-offre-livret-compte]");
  var summary = document.querySelector("[data-offre-livret-choix]");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-offre-livret-item]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-offre-livret-groupe]"));

  function select(name) { return form.querySelector("select[name=" + name + "]"); }

  function matches(node, name, value) {
    return !value || (" " + (node.getAttribute("data-" + name) || "") + " ").indexOf(" " + value + " ") >= 0;
  }

  function apply() {
    var chosen = {};
    var labels = [];
    NAMES.forEach(function (name) {
      var box = select(name);
      chosen[name] = box ? box.value : "";
      if (box && box.value) { labels.push(box.options[box.selectedIndex].textContent); }
    });
    var shown = {};
    var total = 0;
    items.forEach(function (node) {
      var keep = NAMES.every(function (name) { return matches(node, name, chosen[name]); });
      node.hidden = !keep;
      var id = node.getAttribute("data-offre-livret-item");
      if (keep && !shown[id]) { shown[id] = true; total++; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-offre-livret-item]:not([hidden])");
    });
    var all = Number(form.getAttribute("data-total"));
    count.textContent = total + " dispositif" + (total > 1 ? "s" : "") + " sur " + all + ".";
    summary.textContent = labels.length ? "Choix : " + labels.join(" ; ") + " (" + total + " dispositif" +
      (total > 1 ? "s" : "") + " sur " + all + ")." : "";
    summary.hidden = !labels.length;
    var params = new URLSearchParams();
    NAMES.forEach(function (name) { if (chosen[name]) { params.set(name, chosen[name]); } });
    var query = params.toString();
    global.history.replaceState(null, "", global.location.pathname + (query ? "?" + query : "") + global.location.hash);
    document.querySelectorAll("[data-offre-livret-mode]").forEach(function (link) {
      link.search = query ? "?" + query : "";
    });
  }

  var asked = new URLSearchParams(global.location.search);
  NAMES.forEach(function (name) {
    var box = select(name);
    if (!box) { return; }
    var value = asked.get(name);
    if (value && box.querySelector("option[value='" + value.replace(/[^a-z0-9-]/g, "") + "']")) { box.value = value; }
    box.addEventListener("change", apply);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})(window);
