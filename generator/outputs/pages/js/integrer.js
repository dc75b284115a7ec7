/* Offre de services Clefop — page « Intégrer sur votre site » : compose le code du cadre
   (<iframe>) à partir du territoire et des filtres choisis, met à jour l'aperçu et copie
   le code. Sans dépendance ni requête vers l'extérieur ; sans JavaScript, la page montre
   un code prêt à copier et la liste des adresses. */
(function () {
  "use strict";

  var root = document.getElementById("offre-integrer");
  if (!root) return;
  var form = root.querySelector("[data-offre-integrer-form]");
  var code = document.getElementById("offre-integrer-code");
  var link = root.querySelector("[data-offre-integrer-lien]");
  var preview = document.querySelector("[data-offre-integrer-apercu]");
  var actions = root.querySelector("[data-offre-integrer-actions]");
  var status = root.querySelector(".offre-actions__etat");
  var select = document.getElementById("offre-integrer-territoire");
  var height = document.getElementById("offre-integrer-hauteur");
  // Addresses of an embed, `{id}` standing for the territory: the absolute one (empty
  // when the site has no configured address) and the one relative to this page.
  var addressPattern = root.getAttribute("data-modele-adresse");
  var previewPattern = root.getAttribute("data-modele-apercu");
  var sandbox = root.getAttribute("data-sandbox");
  var titlePrefix = root.getAttribute("data-titre");
  var timer = null;

  function embedAddress(pattern, tid) { return pattern.replace("{id}", tid); }

  function escapeAttr(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function query() {
    var params = [];
    ["thematique", "public"].forEach(function (name) {
      root.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (box) {
        params.push(name + "=" + encodeURIComponent(box.value));
      });
    });
    return params.length ? "?" + params.join("&") : "";
  }

  function snippet(src, name, h) {
    return '<iframe src="' + escapeAttr(src) + '" title="' + escapeAttr(titlePrefix + name) +
      '" height="' + h + '" style="width:100%;border:1px solid #ccc" loading="lazy" sandbox="' +
      sandbox + '"></iframe>';
  }

  function update() {
    var option = select.options[select.selectedIndex];
    var tid = option.value;
    var name = option.getAttribute("data-nom") || option.textContent;
    var h = parseInt(height.value, 10);
    if (!(h >= 200 && h <= 3000)) h = 600;
    var q = query();
    var previewSrc = embedAddress(previewPattern, tid) + q;
    // Without a configured site address, the absolute address is built from this page's.
    var src = addressPattern ? embedAddress(addressPattern, tid) + q
                             : new URL(previewSrc, window.location.href).href;
    code.value = snippet(src, name, h);
    link.href = previewSrc;
    link.textContent = src;
    // Debounced: one reload of the preview after the last change, not one per click.
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      if (!preview) return;
      preview.title = "Aperçu : " + titlePrefix + name;
      preview.style.height = h + "px";
      preview.src = previewSrc;
    }, 250);
  }

  function announce(message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function copy() {
    code.focus();
    code.select();
    var done = function () { announce("Code copié dans le presse-papiers."); };
    var fallback = function () {
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) { done(); } else { announce("Copie impossible : le code est sélectionné, copiez-le avec Ctrl+C."); }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  // A link from a territory page preselects it: integrer/?territoire=angers
  var wanted = new URLSearchParams(window.location.search).get("territoire");
  if (wanted) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === wanted) select.selectedIndex = i;
    }
  }

  root.querySelectorAll("[data-offre-sans-js]").forEach(function (node) { node.hidden = true; });
  form.hidden = false;
  actions.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  actions.querySelector("[data-offre-integrer-copier]").addEventListener("click", copy);
  update();
})();
