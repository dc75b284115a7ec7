/* Offre de services Clefop — « dans quel territoire est cette commune ? »
   Cherche par nom (accents, tirets et « St » facultatifs, anciens noms des communes
   déléguées compris), par code postal (plusieurs communes possibles) ou par code INSEE,
   entièrement dans le navigateur. Les suggestions sont des liens vers la page du
   territoire. */
(function (global) {
  "use strict";

  var tables = {};
  var MAX_RESULTS = 8;

  function normalise(text) {
    var folded = global.OffreTexte.fold(String(text || ""))
      .replace(/[^a-z0-9]+/g, " ").trim();
    return (" " + folded + " ")
      .replace(/ ste /g, " sainte ").replace(/ st /g, " saint ")
      .trim();
  }

  function load(url) {
    if (!tables[url]) {
      tables[url] = fetch(url).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      }).then(prepare);
    }
    return tables[url];
  }

  /* Rows are read by column name: `colonnes` says where each value is. */
  function columns(names) {
    var at = {};
    names.forEach(function (name, i) { at[name] = i; });
    return at;
  }

  function prepare(data) {
    var c = columns(data.colonnes);
    var entries = data.communes.map(function (row) {
      return {
        code: row[c.code], nom: row[c.nom], codesPostaux: row[c.codes_postaux],
        territoire: row[c.territoire], anciensNoms: row[c.anciens_noms],
        departement: row[c.departement], horsEpci: row[c.hors_epci] === 1,
        population: row[c.population], cle: normalise(row[c.nom]),
        clesAnciennes: row[c.anciens_noms].map(normalise)
      };
    });
    var h = columns(data.colonnes_hors_region);
    var outside = data.hors_region.map(function (row) {
      return { code: row[h.code], nom: row[h.nom], departement: row[h.departement],
               cle: normalise(row[h.nom]) };
    });
    return { territoires: data.territoires, departements: data.departements,
             communes: entries, horsRegion: outside, adresses: data.adresses,
             // The INSEE code's shape, as the generator checks it (generator/codes.py).
             codeCommune: new RegExp(data.codes.commune) };
  }

  function rank(key, query) {
    if (key === query) { return 0; }
    if (key.indexOf(query) === 0) { return 1; }
    if ((" " + key).indexOf(" " + query) >= 0) { return 2; }
    return -1;
  }

  /* → {items: [{commune, via, ancien}], horsRegion: [...], query, code} */
  function lookup(table, text) {
    var raw = String(text || "").trim();
    var result = { items: [], horsRegion: [], query: raw, code: false };
    if (!raw) { return result; }
    var compact = raw.replace(/\s+/g, "").toUpperCase();
    if (table.codeCommune.test(compact) || /^\d{2,4}$/.test(compact)) {
      result.code = true;
      table.communes.forEach(function (c) {
        if (c.code === compact) {
          result.items.push({ commune: c, via: "insee" });
        } else if (c.codesPostaux.some(function (cp) { return cp.indexOf(compact) === 0; })) {
          result.items.push({ commune: c, via: "cp" });
        }
      });
      result.items.sort(function (a, b) { return global.OffreTexte.compare(a.commune.nom, b.commune.nom); });
      return result;
    }
    var query = normalise(raw);
    if (!query) { return result; }
    var scored = [];
    table.communes.forEach(function (c) {
      var best = rank(c.cle, query);
      var via = "nom";
      var ancien = null;
      c.clesAnciennes.forEach(function (key, i) {
        var score = rank(key, query);
        if (score >= 0 && (best < 0 || score < best)) {
          best = score; via = "ancien"; ancien = c.anciensNoms[i];
        }
      });
      if (best >= 0) {
        scored.push({ score: best, item: { commune: c, via: via, ancien: ancien, exact: best === 0 } });
      }
    });
    scored.sort(function (a, b) {
      return a.score - b.score || b.item.commune.population - a.item.commune.population ||
        global.OffreTexte.compare(a.item.commune.nom, b.item.commune.nom);
    });
    result.items = scored.map(function (s) { return s.item; });
    if (!result.items.length) {
      result.horsRegion = table.horsRegion.filter(function (c) { return rank(c.cle, query) >= 0; });
    }
    return result;
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function describe(item) {
    var c = item.commune;
    var label = c.nom + " (" + c.departement + ")";
    if (item.via === "ancien") { label = item.ancien + " — aujourd'hui " + label; }
    if (item.via === "cp") { label += " — " + c.codesPostaux.join(", "); }
    if (item.via === "insee") { label += " — code INSEE " + c.code; }
    return label;
  }

  /* Shows the result under the box; `onFilter(territoryId)` adds a "filter" button. */
  function render(container, table, result, root, onFilter) {
    container.textContent = "";
    var status = element("p", { "class": "offre-commune__message" });
    container.appendChild(status);
    if (!result.query) { return; }
    if (!result.items.length) {
      if (result.horsRegion.length) {
        var outside = result.horsRegion[0];
        status.textContent = outside.nom + " (" + outside.departement + ") est hors des Pays de la Loire : " +
          "elle n'appartient à aucun territoire de ce site.";
      } else if (result.code) {
        status.textContent = "Aucune commune des Pays de la Loire n'a le code « " + result.query +
          " » : la commune est sans doute hors région (les codes de la région commencent par 44, 49, 53, 72 ou 85).";
      } else {
        status.textContent = "Aucune commune des Pays de la Loire ne correspond à « " + result.query +
          " ». Vérifiez l'orthographe ; les communes hors région ne sont pas couvertes.";
      }
      return;
    }
    var shown = result.items.slice(0, MAX_RESULTS);
    status.textContent = result.items.length === 1 ? "1 commune trouvée." :
      result.items.length + " communes trouvées" +
      (result.items.length > MAX_RESULTS ? " (les " + MAX_RESULTS + " premières affichées)." : ".");
    var list = element("ul", { "class": "offre-commune__liste" });
    shown.forEach(function (item) {
      var c = item.commune;
      var li = element("li", { "data-commune": c.code });
      if (c.territoire < 0) {
        li.appendChild(element("span", {}, describe(item) + " : cette commune n'est rattachée à aucun territoire."));
      } else {
        var territory = table.territoires[c.territoire];
        var href = root + table.adresses.territoire.replace("{id}", encodeURIComponent(territory.id));
        var link = element("a", { href: href, "data-territoire": territory.id },
                           describe(item) + " → territoire " + territory.nom);
        li.appendChild(link);
        if (c.horsEpci) {
          li.appendChild(element("span", { "class": "offre-note" },
            " (commune sans intercommunalité, rattachée directement au territoire)"));
        }
        if (onFilter) {
          var button = element("button", { type: "button", "class": "offre-commune__filtrer" },
                               "Filtrer la recherche sur ce territoire");
          button.addEventListener("click", function () { onFilter(territory.id, c); });
          li.appendChild(document.createTextNode(" "));
          li.appendChild(button);
        }
      }
      list.appendChild(li);
    });
    container.appendChild(list);
  }

  /* The commune a lookup settles on: the only one found, or the one whose name is
     exactly what was typed when it comes first; null otherwise. */
  function settled(result) {
    if (!result || !result.items.length) { return null; }
    var first = result.items[0];
    var exact = result.items.filter(function (item) { return item.exact; });
    if (result.items.length === 1 || (exact.length === 1 && exact[0] === first)) {
      return first.commune;
    }
    return null;
  }

  /* `form` is a <form> (home page) or any element holding the box (search page);
     `onCommune`, if given, hears of the commune settled on (or null) after each lookup. */
  function attach(form, onFilter, onCommune) {
    var input = form.querySelector("input[name=commune]");
    var container = form.querySelector("[data-offre-commune-resultats]");
    var url = form.getAttribute("data-communes");
    var root = form.getAttribute("data-racine") || "";
    if (!input || !container || !url) { return; }
    var timer = null;
    var latest = null;
    function update() {
      load(url).then(function (table) {
        latest = lookup(table, input.value);
        render(container, table, latest, root, onFilter);
        if (onCommune) { onCommune(settled(latest)); }
      }).catch(function () {
        container.textContent = "La liste des communes n'a pas pu être chargée.";
      });
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 120);
    });
    function choose(event) {
      event.preventDefault();
      event.stopPropagation();
      load(url).then(function (table) {
        latest = lookup(table, input.value);
        render(container, table, latest, root, onFilter);
        if (onCommune) { onCommune(settled(latest)); }
        var links = container.querySelectorAll("a[data-territoire]");
        // One answer, or one exact name among several ("Le Mans" before "Sargé-lès-le-Mans").
        var exact = latest.items.filter(function (item) { return item.exact; });
        if (links.length > 1 && exact.length === 1 && exact[0] === latest.items[0]) {
          links = [links[0]];
        }
        if (links.length === 1) {
          if (onFilter) { onFilter(links[0].getAttribute("data-territoire")); }
          else { window.location.href = links[0].getAttribute("href"); }
        } else if (links.length) {
          links[0].focus();
        }
      });
    }
    if (form.tagName === "FORM") {
      form.addEventListener("submit", choose);
    } else {
      // Inside another form (the search page): Enter picks the commune, not the search.
      input.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { choose(event); }
      });
    }
    if (input.value) { update(); }
  }

  global.OffreCommunes = { load: load, lookup: lookup, normalise: normalise, attach: attach,
                           settled: settled };

  function init() {
    document.querySelectorAll("[data-offre-commune]").forEach(function (form) {
      if (!form.hasAttribute("data-offre-commune-manuel")) { attach(form); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})(window);
