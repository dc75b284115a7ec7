/* Offre de services Clefop — « Où s'adresser » sur la fiche d'un dispositif.
   La personne tape une commune (nom, code postal ou code INSEE, trouvée avec la table
   des communes de la recherche, commune.js) ; on garde, parmi les lieux listés sous la
   case (ceux qui délivrent le dispositif), ceux qui desservent cette commune. Sans
   JavaScript, la liste par territoire reste affichée telle quelle. */
(function (global) {
  "use strict";

  var MAX_CHOICES = 8;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function loadJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      return response.json();
    });
  }

  // The search's places table, reduced to what the box needs: the ids, in the table's
  // order, and for each commune the numbers of the places serving it.
  function placeIds(data) {
    var id = data.colonnes.indexOf("id");
    return { lieux: data.lieux.map(function (row) { return row[id]; }), communes: data.communes };
  }

  function communeLabel(c) { return c.nom + " (" + c.departement + ")"; }

  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }

  function attach(box) {
    var input = box.querySelector("input[name=commune]");
    var results = box.querySelector("[data-offre-ou-resultats]");
    var list = box.parentNode.querySelector("[data-offre-ou-liste]");
    if (!input || !results || !list) { return; }
    var ready = Promise.all([
      global.OffreCommunes.load(box.getAttribute("data-communes")),
      loadJson(box.getAttribute("data-lieux")).then(placeIds)
    ]);
    var timer = null;
    box.hidden = false;

    // The cards listed on the page, by place id (a place may be listed in two territories).
    function cards() {
      var found = {};
      list.querySelectorAll("[data-lieu]").forEach(function (card) {
        var id = card.getAttribute("data-lieu");
        if (!found[id]) { found[id] = card; }
      });
      return found;
    }

    function showCards(intro, chosen) {
      results.appendChild(element("p", { "class": "offre-ou__message" }, intro));
      var ul = element("ul", { "class": "offre-lieux" });
      chosen.forEach(function (card) { ul.appendChild(card.cloneNode(true)); });
      results.appendChild(ul);
    }

    function showCommune(table, places, commune) {
      results.textContent = "";
      list.hidden = true;
      var all = cards();
      var served = (places.communes[commune.code] || []).map(function (n) { return places.lieux[n]; });
      var here = served.filter(function (id) { return all[id]; }).map(function (id) { return all[id]; });
      var name = communeLabel(commune);
      if (here.length) {
        showCards(plural(here.length, "lieu délivre", "lieux délivrent") + " ce dispositif pour " + name + " :", here);
        return;
      }
      var territory = commune.territoire >= 0 ? table.territoires[commune.territoire] : null;
      var section = null;
      if (territory) {
        list.querySelectorAll("[data-territoire]").forEach(function (s) {
          if (s.getAttribute("data-territoire") === territory.id) { section = s; }
        });
      }
      var nearby = section ? Array.prototype.slice.call(section.querySelectorAll("[data-lieu]")) : [];
      if (nearby.length) {
        showCards("Aucun lieu connu ne dit desservir " + name + " pour ce dispositif. " +
          "Dans le territoire " + territory.nom + ", " + plural(nearby.length, "lieu le délivre", "lieux le délivrent") +
          " (zone desservie non précisée : appelez avant d'y envoyer la personne) :", nearby);
        return;
      }
      results.appendChild(element("p", { "class": "offre-ou__message" },
        "Aucun lieu d'accueil connu ne délivre ce dispositif pour " + name +
        ". Voyez les contacts de la fiche, ou le porteur du dispositif."));
    }

    function showChoices(table, places, items) {
      results.textContent = "";
      results.appendChild(element("p", { "class": "offre-ou__message" },
        plural(items.length, "commune correspond", "communes correspondent") + " : choisissez la bonne."));
      var ul = element("ul", { "class": "offre-ou__communes" });
      items.slice(0, MAX_CHOICES).forEach(function (item) {
        var c = item.commune;
        var li = element("li");
        var text = communeLabel(c) + (item.via === "ancien" ? " (ancienne commune " + item.ancien + ")" : "") +
          (item.via === "cp" ? " — " + c.codesPostaux.join(", ") : "");
        var button = element("button", { type: "button", "class": "offre-ou__commune", "data-commune": c.code }, text);
        button.addEventListener("click", function () {
          input.value = c.nom;
          showCommune(table, places, c);
          input.focus();
        });
        li.appendChild(button);
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }

    function update(pickFirst) {
      ready.then(function (loaded) {
        var table = loaded[0];
        var places = loaded[1];
        var found = global.OffreCommunes.lookup(table, input.value);
        if (!found.query) {
          results.textContent = "";
          list.hidden = false;
          return;
        }
        list.hidden = true;
        var items = found.items;
        if (!items.length) {
          results.textContent = "";
          results.appendChild(element("p", { "class": "offre-ou__message" },
            found.horsRegion.length ?
              communeLabel(found.horsRegion[0]) + " est hors des Pays de la Loire : ce site n'en connaît pas les lieux d'accueil." :
              "Aucune commune des Pays de la Loire ne correspond à « " + found.query + " »."));
          return;
        }
        var exact = items.filter(function (item) { return item.exact; });
        if (items.length === 1 || pickFirst || (exact.length === 1 && exact[0] === items[0])) {
          showCommune(table, places, items[0].commune);
        } else {
          showChoices(table, places, items);
        }
      }).catch(function () {
        results.textContent = "La liste des communes n'a pas pu être chargée : voyez la liste par territoire.";
        list.hidden = false;
      });
    }

    input.addEventListener("input", function () {
      global.clearTimeout(timer);
      timer = global.setTimeout(function () { update(false); }, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        global.clearTimeout(timer);
        update(true);
      } else if (event.key === "Escape") {
        input.value = "";
        update(false);
      }
    });
    // `?commune=49099` (code or name) opens the page with the answer for that commune,
    // so an adviser can send the link.
    var asked = new URLSearchParams(global.location.search).get("commune");
    if (asked) { input.value = asked; }
    if (input.value) { update(Boolean(asked)); }
  }

  function init() {
    if (!global.OffreCommunes) { return; }
    document.querySelectorAll("[data-offre-ou]").forEach(attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})(window);
