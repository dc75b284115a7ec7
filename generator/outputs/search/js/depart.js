/* Offre de services Clefop — départ de la page « Rechercher un dispositif ».
   Le moteur (texte.js, moteur.js et ce fichier) est demandé dans l'en-tête de la page
   (async, avant les feuilles de style) : dès qu'il arrive, il ouvre l'index (préchargé) et
   télécharge les tranches de la requête de l'adresse puis les fiches de ses premiers
   résultats, pendant que le navigateur lit encore la page. L'interface (recherche.js)
   démarre quand le bloc de recherche est lu en entier, et trouve ces fichiers déjà
   chargés ou en route : rien n'attend plus les feuilles de style ni la fin de la page. */
(function (global) {
  "use strict";

  var script = document.currentScript;
  var opened = {}; // index URL → promise of the engine
  // What recherche.js shows unless asked (its DEFAULTS, PAGE and MAX_QUERY): the fiches
  // fetched ahead are those of the first results it will show.
  var DEFAULTS = { statut: ["actif"], nature: ["dispositif"] };
  var PAGE = 10;
  var MAX_QUERY = 200;

  function engine(url) {
    if (!opened[url]) { opened[url] = global.OffreMoteur.open(url); }
    return opened[url];
  }

  /* Runs `start` once the block `id` and everything in it is parsed: when the end
     marker `end` exists (the parser has closed the block), or the page is parsed. */
  function whenParsed(end, start) {
    function ready() { return !!document.getElementById(end) || document.readyState !== "loading"; }
    if (ready()) { start(); return; }
    var done = false;
    function check() {
      if (done || !ready()) { return; }
      done = true;
      observer.disconnect();
      start();
    }
    var observer = new MutationObserver(check);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("readystatechange", check);
  }

  /* The query of the address, prepared ahead: its shards, then the fiches of its first
     results under the default filters (any other filter in the address: shards only). */
  function ahead(moteur) {
    var params = new URLSearchParams(global.location.search);
    var query = (params.get("q") || "").slice(0, MAX_QUERY);
    var other = false;
    params.forEach(function (value, name) { if (name !== "q") { other = true; } });
    return moteur.prepare(query).then(function () {
      if (other || !query) { return; }
      moteur.search(query, DEFAULTS).numbers.slice(0, PAGE).forEach(function (number) {
        moteur.fiche(number).catch(function () { /* reported when shown */ });
      });
    });
  }

  var url = script && script.getAttribute("data-index");
  if (url) {
    engine(url).then(ahead).catch(function () { /* reported by recherche.js */ });
  }

  global.OffreDepart = { moteur: engine, whenParsed: whenParsed };
  // The page's script (recherche.js) may arrive before this one or after: it queues its
  // start in OffreDepartEnAttente, run once the search block is parsed.
  var END = "offre-recherche-fin";
  var waiting = global.OffreDepartEnAttente || [];
  global.OffreDepartEnAttente = { push: function (start) { whenParsed(END, start); } };
  waiting.forEach(function (start) { whenParsed(END, start); });
})(window);
