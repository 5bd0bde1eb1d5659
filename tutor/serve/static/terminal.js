// The terminal page's own script (no inline script: the page's Content-Security-Policy forbids it).
// textual.js starts the terminal on window.onload. Start it only once the font is ready, so the terminal
// measures its cells with the font it draws with; unless the server was given a public URL, connect the
// websocket back to whatever address this page was opened from; put the keyboard focus in the terminal
// once it shows; and when the session ends, take the terminal out of the Tab order so Tab reaches
// "Start again" and the rest of the browser.
(function () {
  "use strict";
  var startTerminal = window.onload;
  window.onload = null;

  function terminalInput() {
    return document.querySelector("#terminal textarea");
  }

  function focusWhenShown() {
    var tries = 0;
    var timer = setInterval(function () {
      var input = terminalInput();
      tries += 1;
      if (input && document.body.classList.contains("-first-byte")) {
        input.focus();
        clearInterval(timer);
      } else if (tries > 600) {
        clearInterval(timer);
      }
    }, 100);
  }

  function releaseWhenClosed() {
    new MutationObserver(function () {
      if (!document.body.classList.contains("-closed")) return;
      var input = terminalInput();
      if (input) {
        input.setAttribute("tabindex", "-1");
        input.blur();
      }
      var again = document.getElementById("start-again");
      if (again) again.focus();
    }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
  }

  function restart() {
    window.location.href = window.location.pathname;
  }

  window.addEventListener("load", function (event) {
    var terminal = document.getElementById("terminal");
    if (!terminal.dataset.sessionWebsocketUrl) {
      terminal.dataset.sessionWebsocketUrl =
        (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + "/terminal/ws";
    }
    document.getElementById("start").addEventListener("click", restart);
    document.getElementById("start-again").addEventListener("click", restart);
    var ready = Promise.resolve();
    if (document.fonts && document.fonts.load) {
      ready = Promise.race([
        Promise.all([
          document.fonts.load('16px "Roboto Mono"'),
          document.fonts.load('bold 16px "Roboto Mono"'),
        ]),
        new Promise(function (resolve) { setTimeout(resolve, 3000); }),
      ]);
    }
    ready.catch(function () {}).then(function () {
      if (startTerminal) startTerminal(event);
      focusWhenShown();
      releaseWhenClosed();
    });
  });
})();
