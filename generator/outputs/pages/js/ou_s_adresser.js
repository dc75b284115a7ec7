/* Offre de services Clefop — « Où s'adresser » sur la fiche d'un dispositif.
   La personne tape une commune (nom, code postal ou code INSEE, trouvée avec la table
   des communes de la recherche, commune.js) ; parmi les lieux de la partie de cette
   commune qui délivrent le dispositif (règle portée par la case : data-reseaux ou
   data-porteurs, data-territoires, data-lieux-nommes ; OffreLieux.delivers), on montre
   ceux qui desservent cette commune, sinon les plus proches (même commune,
   intercommunalité, département : OffreLieux.nearest), et toujours les annuaires
   officiels quand aucun lieu n'est dans la commune. À part, les France services proches,
   quand la fiche le demande (data-aide-reseau). Sans JavaScript, les liens vers les lieux
   de chaque territoire et les annuaires restent affichés tels quels. */
(function (global) {
  "use strict";

  var MAX_CHOICES = 8;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function communeLabel(c) { return c.nom + " (" + c.departement + ")"; }

  function plural(n, one, many) { return n + " " + (n > 1 ? many : one); }

  function attach(box) {
    var input = box.querySelector("input[name=commune]");
    var results = box.querySelector("[data-offre-ou-resultats]");
    var list = box.parentNode.querySelector("[data-offre-ou-liste]");
    // A territory page: every place of the site, not those delivering a scheme.
    var everyPlace = box.hasAttribute("data-tous-les-lieux");
    if (!input || !results || (!list && !everyPlace)) { return; }
    function showList(shown) { if (list) { list.hidden = !shown; } }
    function showDirectoryBlock() { if (directories) { directories.hidden = false; } }
    var placesUrl = box.getAttribute("data-lieux");
    var ready = global.OffreCommunes.load(box.getAttribute("data-communes"));
    var requestNumber = 0;
    var helperNetwork = box.getAttribute("data-aide-reseau");
    var helperSection = box.parentNode.querySelector("[data-offre-ou-aide]");
    var helperResults = helperSection ? helperSection.querySelector("[data-offre-ou-aide-resultats]") : null;
    var directories = box.parentNode.querySelector("[data-offre-ou-annuaires]");
    var root = box.getAttribute("data-racine") || "";
    var timer = null;
    box.hidden = false;

    function words(name) {
      var value = box.getAttribute(name);
      return value ? value.split(" ").filter(Boolean) : [];
    }
    // Which places deliver the scheme (generator/catalog/reach.py, DeliveryRule).
    var rule = {
      dispositif: box.getAttribute("data-dispositif") || "",
      reseaux: box.hasAttribute("data-reseaux") ? words("data-reseaux") : null,
      porteurs: words("data-porteurs"),
      territoires: words("data-territoires"),
      lieux: words("data-lieux-nommes")
    };

    function showCards(table, intro, chosen) {
      results.appendChild(element("p", { "class": "offre-ou__message" }, intro));
      var ul = element("ul", { "class": "offre-lieux" });
      chosen.forEach(function (place) { ul.appendChild(global.OffreLieux.item(table, root, place)); });
      results.appendChild(ul);
    }

    // No place delivering the scheme near the commune: the official directories of its
    // networks (or its provider's site), copied here so the answer is never a dead end.
    function showDirectories(name, farOnly) {
      results.appendChild(element("p", { "class": "offre-ou__message" }, farOnly ?
        "Pour trouver un lieu plus proche de " + name + " :" :
        "Aucun lieu d'accueil recensé ici ne délivre ce dispositif près de " + name +
        ". Pour trouver le plus proche :"));
      var links = directories ? directories.querySelectorAll("a[href]") : [];
      // Copied into the answer: the block below would only repeat them.
      if (directories) { directories.hidden = true; }
      var ul = element("ul", { "class": "offre-ou__annuaires-liste" });
      Array.prototype.forEach.call(links, function (a) {
        var li = element("li");
        li.appendChild(a.cloneNode(true));
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }

    function showHelpers(table, commune) {
      if (!helperNetwork || !helperResults) { return; }
      helperResults.textContent = "";
      var pool = table.lieux.filter(function (p) { return p.reseauxIds.indexOf(helperNetwork) >= 0; });
      var found = global.OffreLieux.nearest(table, pool, commune, 3);
      if (!found.lieux.length) {
        helperResults.appendChild(element("p", { "class": "offre-ou__message" },
          "Aucune France services recensée ici près de " + communeLabel(commune) + " : voyez la carte nationale ci-dessus."));
        return;
      }
      helperResults.appendChild(element("p", { "class": "offre-ou__message" },
        "Près de " + communeLabel(commune) + ", " + global.OffreLieux.area(found) + " :"));
      var ul = element("ul", { "class": "offre-lieux" });
      found.lieux.forEach(function (place) { ul.appendChild(global.OffreLieux.item(table, root, place)); });
      helperResults.appendChild(ul);
    }

    function showNearest(places, commune) {
      var name = communeLabel(commune);
      var found = global.OffreLieux.nearest(places, null, commune);
      if (!found.lieux.length) {
        results.appendChild(element("p", { "class": "offre-ou__message" },
          "Aucun lieu d'accueil recensé ici près de " + name + "."));
        return;
      }
      results.appendChild(element("p", { "class": "offre-ou__message" }, found.niveau === "dessert" ?
        plural(found.lieux.length, "lieu d'accueil dessert", "lieux d'accueil desservent") + " " + name + " :" :
        "Aucun lieu ne déclare desservir " + name + " ; " + (found.lieux.length > 1 ? "les plus proches, " : "le plus proche, ") +
        global.OffreLieux.area(found) + " (appelez avant d'y envoyer la personne) :"));
      var ul = element("ul", { "class": "offre-lieux" });
      found.lieux.forEach(function (place) { ul.appendChild(global.OffreLieux.item(places, root, place)); });
      results.appendChild(ul);
    }

    // The places of the commune's département are fetched first; an answer arriving
    // after the reader has moved on to another commune is dropped.
    function showCommune(table, commune) {
      var ticket = ++requestNumber;
      return global.OffreLieux.load(placesUrl, commune).then(function (places) {
        if (ticket === requestNumber) { answer(places, commune); }
      }).catch(function () {
        if (ticket !== requestNumber) { return; }
        results.textContent = "La liste des lieux n'a pas pu être chargée : voyez la liste par territoire et les annuaires officiels.";
        showList(true);
      });
    }

    function answer(places, commune) {
      results.textContent = "";
      showDirectoryBlock();
      showList(false);
      if (everyPlace) {
        showNearest(places, commune);
        return;
      }
      var name = communeLabel(commune);
      showHelpers(places, commune);
      var pool = places.lieux.filter(function (p) { return global.OffreLieux.delivers(rule, p); });
      var found = global.OffreLieux.nearest(places, pool, commune);
      var chosen = found.lieux;
      if (found.niveau === "dessert") {
        showCards(places, plural(chosen.length, "lieu délivre", "lieux délivrent") + " ce dispositif pour " + name + " :", chosen);
        return;
      }
      if (chosen.length) {
        showCards(places, "Aucun lieu connu ne dit desservir " + name + " pour ce dispositif. Le" +
          (chosen.length > 1 ? "s plus proches, " : " plus proche, ") + global.OffreLieux.area(found) +
          " (appelez avant d'y envoyer la personne) :", chosen);
      }
      if (found.niveau !== "commune") { showDirectories(name, chosen.length > 0); }
    }

    function showChoices(table, items) {
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
          showCommune(table, c);
          input.focus();
        });
        li.appendChild(button);
        ul.appendChild(li);
      });
      results.appendChild(ul);
    }

    function update(pickFirst) {
      ready.then(function (table) {
        requestNumber++;  // what was asked before no longer shows
        showDirectoryBlock();
        if (helperResults) { helperResults.textContent = ""; }
        var found = global.OffreCommunes.lookup(table, input.value);
        if (!found.query) {
          results.textContent = "";
          if (helperResults) { helperResults.textContent = ""; }
          showList(true);
          return;
        }
        showList(false);
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
          showCommune(table, items[0].commune);
        } else {
          showChoices(table, items);
        }
      }).catch(function () {
        results.textContent = "La liste des communes n'a pas pu être chargée : voyez la liste par territoire et les annuaires officiels.";
        showList(true);
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
    if (!global.OffreCommunes || !global.OffreLieux) { return; }
    document.querySelectorAll("[data-offre-ou]").forEach(attach);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})(window);
