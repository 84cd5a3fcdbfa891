// Enhancement only: matches appear as the originals' search is typed. Each "Chọn" is the same submit
// button the page without JavaScript shows, so choosing still goes through the server's form step.
(function () {
  var input = document.querySelector('[data-source-search]');
  var box = document.getElementById('source-matches');
  if (!input || !box || !window.fetch) return;
  var timer = null;
  var asked = 0;
  function show(items) {
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!items.length) return;
    var list = document.createElement('ul');
    list.className = 'source-matches';
    items.forEach(function (m) {
      var li = document.createElement('li');
      li.appendChild(document.createTextNode(m.title + ' (' + m.placeLabel + ', công nhận năm ' + m.year + ') '));
      var b = document.createElement('button');
      b.type = 'submit';
      b.name = 'addSource';
      b.value = String(m.id);
      b.className = 'secondary';
      b.textContent = 'Chọn';
      b.setAttribute('aria-label', 'Chọn ' + m.title);
      li.appendChild(b);
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      var mine = ++asked;
      var url = '/quan-ly/mo-hinh-goc?q=' + encodeURIComponent(q);
      var except = input.getAttribute('data-source-search');
      if (except) url += '&except=' + encodeURIComponent(except);
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (r) {
          return r.ok ? r.json() : { items: [] };
        })
        .then(function (body) {
          if (mine === asked) show(body.items || []);
        })
        .catch(function () {});
    }, 250);
  });
})();
