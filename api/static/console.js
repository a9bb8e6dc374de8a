// The console's only script (served from the binary; CSP script-src 'self'): the bandeja
// listens to /funcionarios/bandeja/eventos and says how many cases arrived since it was shown.
// Without it the page keeps its plain "Actualizar" link.
(function () {
  "use strict";
  var box = document.getElementById("nuevos");
  if (!box || !window.EventSource) { return; }
  var link = document.getElementById("actualizar");
  var desde = box.getAttribute("data-desde") || "0";
  var source = new EventSource("/funcionarios/bandeja/eventos?desde=" + encodeURIComponent(desde));
  source.addEventListener("nuevos", function (e) {
    var n = parseInt(e.data, 10);
    if (!(n > 0)) { return; }
    box.classList.add("hay-nuevos");
    var text = n === 1 ? "1 caso nuevo — " : n + " casos nuevos — ";
    box.textContent = text;
    link.textContent = "actualizar";
    box.appendChild(link);
  });
})();
