/* Offre de services Clefop — page « Rechercher un dispositif ».
   Texte libre + facettes (territoire, public, thématique, porteur, type, statut), avec
   le nombre de dispositifs de chaque valeur pour la recherche en cours ; l'état vit dans
   l'adresse de la page (partageable, précédent/suivant). Aucune requête hors du site. */
(function (global) {
  "use strict";

  var root = document.getElementById("offre-recherche");
  if (!root) { return; }
  var lunr = global.lunr;
  var Texte = global.OffreTexte;
  var PAGE = 50;
  var MULTI = ["public", "thematique", "porteur", "type", "statut"];
  var DEFAULT_STATUS = ["actif"];
  var form = document.getElementById("offre-recherche-formulaire");
  var input = document.getElementById("offre-q");
  var territorySelect = document.getElementById("offre-territoire");
  var count = document.getElementById("offre-compte");
  var list = document.getElementById("offre-resultats");
  var more = document.getElementById("offre-plus");
  var base = root.getAttribute("data-racine") || "";

  var table = null;      // fiches.json, prepared
  var index = null;      // lunr index, once loaded
  var indexFailed = false;
  var shown = PAGE;
  var state = readState(window.location.search);

  root.querySelectorAll("[data-offre-sans-js]").forEach(function (node) { node.hidden = true; });
  form.hidden = false;
  document.getElementById("offre-recherche-filtres").hidden = false;

  /* ---------------------------------------------------------------- état ↔ adresse */

  function readState(search) {
    var params = new URLSearchParams(search);
    var s = { q: params.get("q") || "", territoire: params.get("territoire") || "",
              commune: params.get("commune") || "" };
    MULTI.forEach(function (name) { s[name] = params.getAll(name).filter(Boolean); });
    if (!s.statut.length) { s.statut = DEFAULT_STATUS.slice(); }
    return s;
  }

  function writeParams(s) {
    var params = new URLSearchParams();
    if (s.q) { params.set("q", s.q); }
    if (s.territoire) { params.set("territoire", s.territoire); }
    MULTI.forEach(function (name) {
      if (name === "statut" && sameList(s.statut, DEFAULT_STATUS)) { return; }
      s[name].forEach(function (value) { params.append(name, value); });
    });
    var text = params.toString();
    return text ? "?" + text : window.location.pathname.split("/").pop() || "./";
  }

  function sameList(a, b) { return a.length === b.length && a.every(function (v, i) { return v === b[i]; }); }

  function commit(push) {
    var target = writeParams(state);
    var current = window.location.search || (window.location.pathname.split("/").pop() || "./");
    if (target === current) { return; }
    if (push) { window.history.pushState(null, "", target); }
    else { window.history.replaceState(null, "", target); }
  }

  /* ---------------------------------------------------------------- données */

  function prepare(data) {
    var f = data.facettes;
    var rows = data.fiches.map(function (row, position) {
      return { ref: String(position), id: row[0], titre: row[1], sigle: row[2], resume: row[3],
               porteur: row[4], type: row[5], statut: row[6], publics: row[7],
               thematiques: row[8], territoires: row[9], rang: row[10] };
    });
    return { facettes: f, fiches: rows, position: function (facet, value) {
      for (var i = 0; i < f[facet].length; i++) { if (f[facet][i][0] === value) { return i; } }
      return -1;
    } };
  }

  function loadJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status + " sur " + url); }
      return response.json();
    });
  }

  /* ---------------------------------------------------------------- facettes */

  function buildFacets() {
    table.facettes.territoire.forEach(function (entry) {
      var option = document.createElement("option");
      option.value = entry[0];
      option.setAttribute("data-libelle", entry[1]);
      territorySelect.appendChild(option);
    });
    MULTI.forEach(function (name) {
      var box = root.querySelector("[data-facette=" + name + "]");
      if (!box) { return; }
      table.facettes[name].forEach(function (entry) {
        var id = "offre-f-" + name + "-" + entry[0];
        var wrapper = document.createElement("div");
        wrapper.className = "offre-facette__valeur";
        var checkbox = document.createElement("input");
        checkbox.type = "checkbox"; checkbox.name = name; checkbox.value = entry[0]; checkbox.id = id;
        var label = document.createElement("label");
        label.setAttribute("for", id);
        label.setAttribute("data-libelle", entry[1]);
        wrapper.appendChild(checkbox); wrapper.appendChild(label);
        box.appendChild(wrapper);
      });
    });
  }

  function syncControls() {
    input.value = state.q;
    territorySelect.value = state.territoire;
    if (territorySelect.value !== state.territoire) { territorySelect.value = ""; }
    MULTI.forEach(function (name) {
      root.querySelectorAll("input[type=checkbox][name=" + name + "]").forEach(function (box) {
        box.checked = state[name].indexOf(box.value) >= 0;
      });
    });
  }

  /* ---------------------------------------------------------------- filtrage */

  function matcher(facet) {
    var values = facet === "territoire" ? (state.territoire ? [state.territoire] : []) : state[facet];
    if (!values.length) { return null; }
    var positions = values.map(function (v) { return table.position(facet, v); });
    if (facet === "territoire") {
      return function (row) { return row.territoires === -1 || positions.some(function (p) { return row.territoires.indexOf(p) >= 0; }); };
    }
    var field = { "public": "publics", thematique: "thematiques", porteur: "porteur", type: "type", statut: "statut" }[facet];
    return function (row) {
      var value = row[field];
      if (Array.isArray(value)) { return positions.some(function (p) { return value.indexOf(p) >= 0; }); }
      return positions.indexOf(value) >= 0;
    };
  }

  function valuesOf(facet, row) {
    if (facet === "territoire") {
      if (row.territoires === -1) { return table.facettes.territoire.map(function (_, i) { return i; }); }
      return row.territoires;
    }
    var field = { "public": "publics", thematique: "thematiques", porteur: "porteur", type: "type", statut: "statut" }[facet];
    var value = row[field];
    return Array.isArray(value) ? value : [value];
  }

  function compute() {
    var scores = null;
    if (index) {
      var hits = Texte.search(lunr, index, state.q);
      if (hits) {
        scores = {};
        hits.forEach(function (hit) { scores[hit.ref] = hit.score; });
      }
    } else if (Texte.tokenize(state.q).length) {
      return { pending: true };
    }
    var facets = ["territoire"].concat(MULTI);
    var matchers = {};
    facets.forEach(function (f) { matchers[f] = matcher(f); });
    var counts = {};
    facets.forEach(function (f) { counts[f] = table.facettes[f].map(function () { return 0; }); });
    var results = [];
    table.fiches.forEach(function (row) {
      if (scores && !(row.ref in scores)) { return; }
      var failing = [];
      facets.forEach(function (f) { if (matchers[f] && !matchers[f](row)) { failing.push(f); } });
      if (failing.length === 0) { results.push(row); }
      if (failing.length > 1) { return; }
      facets.forEach(function (f) {
        if (failing.length === 1 && failing[0] !== f) { return; }
        valuesOf(f, row).forEach(function (v) { counts[f][v] += 1; });
      });
    });
    results.sort(function (a, b) {
      if (scores) {
        var diff = scores[b.ref] - scores[a.ref];
        if (Math.abs(diff) > 1e-9) { return diff; }
      }
      return a.rang - b.rang;
    });
    return { results: results, counts: counts };
  }

  /* ---------------------------------------------------------------- affichage */

  function badge(text, modifier) {
    var span = document.createElement("span");
    span.className = "offre-badge" + (modifier ? " offre-badge--" + modifier : "");
    span.textContent = text;
    return span;
  }

  function renderItem(row) {
    var li = document.createElement("li");
    li.className = "offre-item";
    li.setAttribute("data-dispositif", row.id);
    var link = document.createElement("a");
    link.className = "offre-item__titre";
    link.href = base + "dispositifs/" + row.id + "/";
    link.textContent = row.titre + (row.sigle && row.titre.indexOf(row.sigle) < 0 ? " (" + row.sigle + ")" : "");
    li.appendChild(link);
    var badges = document.createElement("span");
    badges.className = "offre-item__badges";
    badges.appendChild(badge(table.facettes.porteur[row.porteur][1], "porteur"));
    badges.appendChild(badge(table.facettes.type[row.type][1]));
    if (row.territoires !== -1) { badges.appendChild(badge("Local", "local")); }
    var status = table.facettes.statut[row.statut];
    if (status[0] !== "actif") { badges.appendChild(badge(status[1], "statut-" + status[0])); }
    li.appendChild(document.createTextNode(" "));
    li.appendChild(badges);
    var summary = document.createElement("span");
    summary.className = "offre-item__resume";
    summary.textContent = row.resume;
    li.appendChild(summary);
    return li;
  }

  function renderCounts(counts) {
    Array.prototype.forEach.call(territorySelect.options, function (option) {
      if (!option.value) {
        option.textContent = "Tous les territoires";
        return;
      }
      var position = table.position("territoire", option.value);
      option.textContent = option.getAttribute("data-libelle") + " (" + counts.territoire[position] + ")";
    });
    MULTI.forEach(function (name) {
      root.querySelectorAll("input[type=checkbox][name=" + name + "]").forEach(function (box) {
        var label = root.querySelector("label[for='" + box.id + "']");
        var n = counts[name][table.position(name, box.value)];
        label.textContent = label.getAttribute("data-libelle") + " (" + n + ")";
        box.parentNode.classList.toggle("offre-facette__valeur--vide", n === 0 && !box.checked);
      });
    });
  }

  var lastMessage = "";
  function announce(message) {
    if (message === lastMessage) { return; }
    lastMessage = message;
    count.textContent = message;
  }

  function render() {
    if (!table) { return; }
    var outcome = compute();
    if (outcome.pending) {
      announce(indexFailed ? "La recherche par mots-clés n'a pas pu être chargée ; les filtres restent utilisables."
                           : "Chargement de l'index de recherche…");
      if (!indexFailed) { return; }
      outcome = compute();
    }
    renderCounts(outcome.counts);
    var results = outcome.results;
    var fragment = document.createDocumentFragment();
    results.slice(0, shown).forEach(function (row) { fragment.appendChild(renderItem(row)); });
    list.textContent = "";
    list.appendChild(fragment);
    more.hidden = results.length <= shown;
    var message = results.length === 0 ? "Aucun dispositif ne correspond à cette recherche." :
      results.length === 1 ? "1 dispositif trouvé." : results.length + " dispositifs trouvés.";
    if (results.length === 0 && state.statut.length < table.facettes.statut.length) {
      message += " Les dispositifs suspendus, terminés ou remplacés sont masqués : cochez-les dans « Statut » pour les voir.";
    }
    announce(message);
    root.setAttribute("data-etat", "pret");
  }

  /* ---------------------------------------------------------------- évènements */

  var typingTimer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      state.q = input.value;
      shown = PAGE;
      commit(false);
      render();
    }, 60);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    state.q = input.value;
    commit(true);
    render();
  });
  root.addEventListener("change", function (event) {
    var target = event.target;
    if (target === territorySelect) {
      state.territoire = territorySelect.value;
    } else if (target.type === "checkbox" && MULTI.indexOf(target.name) >= 0) {
      state[target.name] = Array.prototype.filter.call(
        root.querySelectorAll("input[type=checkbox][name=" + target.name + "]:checked"),
        function () { return true; }).map(function (box) { return box.value; });
    } else {
      return;
    }
    shown = PAGE;
    commit(true);
    render();
  });
  more.addEventListener("click", function () {
    var first = shown;
    shown += PAGE;
    render();
    var next = list.children[first];
    if (next) { next.querySelector("a").focus(); }
  });
  window.addEventListener("popstate", function () {
    state = readState(window.location.search);
    syncControls();
    shown = PAGE;
    render();
  });

  var communeBox = document.getElementById("offre-recherche-commune");
  if (communeBox && global.OffreCommunes) {
    var communeInput = communeBox.querySelector("input[name=commune]");
    if (state.commune) { communeInput.value = state.commune; }
    global.OffreCommunes.attach(communeBox, function (territoryId) {
      state.territoire = territoryId;
      syncControls();
      shown = PAGE;
      commit(true);
      render();
      territorySelect.focus();
    });
  }

  /* ---------------------------------------------------------------- démarrage */

  Texte.registerLunr(lunr);
  // Both files are requested at once (and preloaded by the page): the facets and the
  // list appear as soon as the table arrives, text search as soon as the index does.
  var indexFile = loadJson(root.getAttribute("data-index"));
  loadJson(root.getAttribute("data-fiches")).then(function (data) {
    table = prepare(data);
    buildFacets();
    syncControls();
    render();
    return indexFile;
  }).then(function (serialized) {
    index = Texte.loadIndex(lunr, serialized);
    render();
  }).catch(function (error) {
    indexFailed = true;
    if (table) { render(); }
    else { announce("La recherche n'a pas pu être chargée (" + error.message + ")."); }
  });

  global.OffreRecherche = { state: function () { return state; }, ready: function () { return !!index; } };
})(window);
