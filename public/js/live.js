// @license magnet:?xt=urn:btih:0b31508aeb0634b347b8270c7bee4d411b5d4109&dn=agpl-3.0.txt AGPL-3.0
/* global document, window, EventSource */
/*
 * Live updates for logged-in pages. Every page works without this script; with it:
 * - the header's "Notifications" link shows how many are new;
 * - on the home page's newest page, new activities appear at the top of the Inbox or Meanwhile column; on an
 *   older page a bar says how many came and offers to show them.
 * The server sends the HTML of each activity, made and scrubbed by the same templates as the page; this script
 * only places it. EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed or repeated.
 */
(function () {
  'use strict';

  if (typeof EventSource === 'undefined') return;

  function showCount(count) {
    var badge = document.getElementById('unread-count');
    if (!badge) return;
    badge.textContent = count > 99 ? '99+' : String(count);
    badge.hidden = count === 0;
    // No aria-label on the link: its name stays its visible text ("Notifications 3"), as WCAG 2.5.3 asks.
  }

  function newPostsBar(container) {
    var bar = document.getElementById('live-new-posts');
    if (bar) return bar;
    bar = document.createElement('p');
    bar.id = 'live-new-posts';
    bar.className = 'notice';
    bar.setAttribute('role', 'status');
    var link = document.createElement('a');
    link.href = '/';
    bar.appendChild(link);
    container.parentNode.insertBefore(bar, container);
    bar.dataset.count = '0';
    return bar;
  }

  function announce(container) {
    var bar = newPostsBar(container);
    var count = Number(bar.dataset.count) + 1;
    bar.dataset.count = String(count);
    bar.firstChild.textContent =
      count + (count === 1 ? ' new activity: show it' : ' new activities: show them');
  }

  function insert(container, data) {
    var column = container.querySelector(data.major ? 'section.major' : 'aside.minor');
    if (!column) return;
    var holder = document.createElement('div');
    // Server-made HTML (the same templates and scrubbing as the page); nothing here builds markup.
    holder.innerHTML = data.html;
    var item = holder.firstElementChild;
    if (!item) return;
    item.classList.add('live-new');
    var empty = column.querySelector(':scope > p.empty');
    if (empty) empty.remove();
    var heading = column.querySelector(':scope > h2');
    if (heading) heading.parentNode.insertBefore(item, heading.nextSibling);
    else column.insertBefore(item, column.firstChild);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var container = document.getElementById('live-streams');
    var url = '/main/events';
    var since = container && container.getAttribute('data-live-since');
    if (since) url += '?since=' + encodeURIComponent(since);
    // Only the newest page of the stream takes new items in place; an older page would show them out of order.
    var inPlace = container && !/[?&](before|since|minorBefore|minorSince)=/.test(window.location.search);
    var source = new EventSource(url);
    source.addEventListener('unread', function (event) {
      showCount(JSON.parse(event.data).count);
    });
    source.addEventListener('activity', function (event) {
      if (!container) return;
      var data = JSON.parse(event.data);
      if (inPlace) insert(container, data);
      else announce(container);
    });
    source.addEventListener('reset', function () {
      if (container) announce(container);
    });
  });
})();
// @license-end
