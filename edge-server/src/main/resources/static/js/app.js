// Served by us (no inline scripts, so the Content-Security-Policy can forbid them).
(function () {
  'use strict';

  // htmx requests carry the CSRF token like every form does.
  document.addEventListener('htmx:configRequest', function (event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // A live region says whether its event stream is open (data-live), so a reader (or a test)
  // knows that what happens next will be shown without reloading.
  document.addEventListener('htmx:sseOpen', function (event) {
    event.target.setAttribute('data-live', 'open');
  });
  document.addEventListener('htmx:sseError', function (event) {
    event.target.setAttribute('data-live', 'interrupted');
  });

  // "Copy" buttons copy the text of the element named by data-copy.
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) {
      return;
    }
    navigator.clipboard.writeText(source.textContent.trim()).then(function () {
      var label = button.textContent;
      button.textContent = 'Copied';
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
})();
