// Enhancement only: on a wide screen the filters start open; on a phone they stay folded.
(function () {
  var box = document.getElementById('bo-loc');
  if (box && window.matchMedia && window.matchMedia('(min-width: 56em)').matches) box.open = true;
})();
