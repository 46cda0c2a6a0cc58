// @license magnet:?xt=urn:btih:0b31508aeb0634b347b8270c7bee4d411b5d4109&dn=agpl-3.0.txt AGPL-3.0
/* global document, setTimeout -- a browser script; the project lint config knows only Node globals */
/*
 * Pumphouse web UI niceties. Every page works without this script; it only:
 * - shows the list or person field of the composer when that audience is chosen;
 * - counts the characters left in text areas that have a maximum length;
 * - disables a form's submit button once it is sent, so a double click posts once.
 */
(function () {
  'use strict';

  function syncAudience(form) {
    var choice = form.querySelector('input[name="audience"]:checked');
    var value = choice ? choice.value : 'public';
    var list = form.querySelector('#note-list');
    var person = form.querySelector('#note-person');
    if (list) list.hidden = value !== 'list';
    if (person) person.hidden = value !== 'person';
    if (person) person.required = value === 'person';
  }

  function counter(textarea) {
    var max = Number(textarea.getAttribute('maxlength'));
    if (!max) return;
    var out = document.createElement('span');
    out.className = 'help';
    out.setAttribute('aria-live', 'polite');
    // insertBefore rather than insertAdjacentElement: older engines (and pump.io-era test browsers) lack the latter.
    textarea.parentNode.insertBefore(out, textarea.nextSibling);
    function update() {
      var left = max - textarea.value.length;
      // Only worth saying when it gets close.
      out.textContent = left < 500 ? left + ' characters left' : '';
    }
    textarea.addEventListener('input', update);
    update();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var composer = document.getElementById('composer');
    if (composer) {
      syncAudience(composer);
      composer.addEventListener('change', function () {
        syncAudience(composer);
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll('textarea[maxlength]'), counter);
    Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
      form.addEventListener('submit', function () {
        Array.prototype.forEach.call(form.querySelectorAll('button[type="submit"]'), function (button) {
          // After this tick, so the button's own name/value still goes with the form.
          setTimeout(function () {
            button.disabled = true;
          }, 0);
        });
      });
    });
  });
})();
// @license-end
