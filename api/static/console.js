// The console's only script (served from the binary; CSP script-src 'self'): the bandeja
// listens to /funcionarios/bandeja/eventos and, when cases arrive, fetches the same bandeja
// (same filters, same page) and adds the rows it does not show yet, in the server's order,
// without moving the focus; a polite live region says how many were added. Cases that fall
// outside the page shown are announced with an "actualizar" link. The words are the page's own
// (the notice's data- attributes), so the script speaks the page's language. Without the script
// the page keeps its plain "Actualizar" link.
(function () {
  "use strict";
  var box = document.getElementById("nuevos");
  var body = document.querySelector("table.bandeja tbody");
  if (!box || !body || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var link = document.getElementById("actualizar");
  var desde = box.getAttribute("data-desde") || "0";
  var busy = false;
  var addedSoFar = 0;
  var again = false;

  // The page's words; `{n}` stands for the number of new cases.
  function words(name, n) {
    return (box.getAttribute("data-" + name) || "").replace("{n}", String(n));
  }
  function count(n, inTable) {
    if (inTable) { return n === 1 ? words("uno-anadido", n) : words("varios-anadidos", n); }
    return n === 1 ? words("uno", n) : words("varios", n);
  }

  // The link stays (the plain refresh, for whoever wants the whole page again).
  function say(text, inTable) {
    box.classList.add("hay-nuevos");
    box.textContent = text + " — ";
    link.textContent = inTable ? words("actualizar-pagina", 0) : words("actualizar", 0);
    box.appendChild(link);
  }

  function key(row) {
    var a = row.querySelector("a[id^='caso-']");
    return a ? a.id : null;
  }

  // Adds the rows of `fresh` (the new page's tbody) that `body` lacks; returns how many.
  function merge(fresh) {
    var shown = {};
    Array.prototype.forEach.call(body.rows, function (r) { shown[key(r)] = r; });
    var added = 0;
    var rows = Array.prototype.slice.call(fresh.rows);
    rows.forEach(function (r, i) {
      var k = key(r);
      if (!k || shown[k]) { return; }
      var next = null;
      for (var j = i + 1; j < rows.length && !next; j++) { next = shown[key(rows[j])] || null; }
      var row = document.importNode(r, true);
      row.classList.add("fila-nueva");
      body.insertBefore(row, next);
      shown[k] = row;
      added++;
    });
    return added;
  }

  function refresh(n) {
    if (busy) { again = true; return; }
    busy = true;
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (res) { if (!res.ok) { throw new Error(res.status); } return res.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("table.bandeja tbody");
        addedSoFar += fresh ? merge(fresh) : 0;
        var total = doc.getElementById("total");
        var here = document.getElementById("total");
        if (total && here) { here.textContent = total.textContent; }
        var empty = document.getElementById("sin-casos");
        if (empty && body.rows.length > 0) { empty.hidden = true; }
        var inTable = addedSoFar >= n;
        say(count(n, inTable), inTable);
      })
      .catch(function () { say(count(n, false), false); })
      .then(function () {
        busy = false;
        if (again) { again = false; refresh(last); }
      });
  }

  var last = 0;
  var source = new EventSource("/funcionarios/bandeja/eventos?desde=" + encodeURIComponent(desde));
  source.addEventListener("nuevos", function (e) {
    var n = parseInt(e.data, 10);
    if (!(n > 0)) { return; }
    last = n;
    refresh(n);
  });
})();
