/* Offre de services Clefop — petites actions des pages (sans dépendance, sans requête
   vers l'extérieur). Sans JavaScript, tout le contenu reste lisible : ces actions sont
   des compléments. */
(function () {
  "use strict";

  function announce(zone, message) {
    if (!zone) return;
    zone.textContent = "";
    window.setTimeout(function () { zone.textContent = message; }, 50);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "absolute";
      area.style.left = "-9999px";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copie impossible")); }
    });
  }

  function pageAddress() {
    return window.location.href.split("#")[0];
  }

  function setupActions() {
    document.querySelectorAll("[data-offre-actions]").forEach(function (bar) {
      bar.hidden = false;
      var status = bar.querySelector(".offre-actions__etat");
      var printButton = bar.querySelector("[data-offre-imprimer]");
      if (printButton) printButton.addEventListener("click", function () { window.print(); });
      var copyButton = bar.querySelector("[data-offre-copier]");
      if (copyButton) {
        copyButton.addEventListener("click", function () {
          copyText(pageAddress()).then(
            function () { announce(status, "Lien copié dans le presse-papiers."); },
            function () { announce(status, "Copie impossible : l'adresse est " + pageAddress()); }
          );
        });
      }
    });
    // The printed footer shows the address the page was actually opened from.
    document.querySelectorAll("[data-offre-adresse]").forEach(function (node) {
      node.textContent = pageAddress();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupActions);
  } else {
    setupActions();
  }
})();
