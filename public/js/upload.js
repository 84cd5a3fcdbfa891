// Upload progress for evidence files. Without this script the form posts normally; with it the
// same request goes through XMLHttpRequest so that a slow connection shows how far it has got.
(function () {
  'use strict';
  var form = document.querySelector('form[data-upload]');
  if (!form || !window.FormData || !window.XMLHttpRequest) return;
  var box = form.querySelector('.upload-progress');
  var bar = form.querySelector('progress');
  var text = form.querySelector('[data-progress-text]');
  var button = form.querySelector('button[type="submit"]');

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    box.hidden = false;
    button.disabled = true;
    text.textContent = 'Đang tải lên…';
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var percent = Math.floor((e.loaded / e.total) * 100);
      bar.value = percent;
      text.textContent = 'Đã tải lên ' + percent + '%';
    });
    xhr.upload.addEventListener('load', function () {
      bar.value = 100;
      text.textContent = 'Đang kiểm tra tệp…';
    });
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL) {
        window.location.assign(xhr.responseURL);
        return;
      }
      // A refusal comes back as the page with its message: show it as the server rendered it.
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      text.textContent = 'Mất kết nối khi tải lên. Hãy kiểm tra mạng rồi thử lại.';
    });
    xhr.send(new FormData(form));
  });
})();
