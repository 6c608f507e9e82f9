// The phone's controller: draws the view the game sends and sends back what is pressed.
// Plain JavaScript, no library: it must load from the laptop alone.
"use strict";
(function () {
  var app = document.getElementById("app");
  var status = document.getElementById("status");
  var title = document.getElementById("title");
  var ws = null, view = null, held = null, picked = [], left = null, pairs = {}, wait = 500;
  var said = document.getElementById("said");
  // the facilitator's message: shown while the projector shows it, then cleared
  var message = document.getElementById("message"), messageId = null, messageTimer = null;
  // the order being built: ids, for the puzzle orderFor; a card being dragged defers drawing
  var order = [], orderFor = null, dragging = false, refocus = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(text, cls, onPress, pressed) {
    var b = el("button", { type: "button", "class": cls || "" }, text);
    if (pressed !== undefined) b.setAttribute("aria-pressed", pressed ? "true" : "false");
    b.addEventListener("click", onPress);
    return b;
  }
  function send(message) {
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(message));
  }
  function heading(text) { app.appendChild(el("h2", {}, text)); }

  // --- order: drag a card with a finger (pointer events), or move it with its arrows -------
  function textOf(p, id) {
    return p.choices.filter(function (c) { return c.id === id; })[0].text;
  }
  function announce(p, id) {
    said.textContent = "« " + textOf(p, id) + " » est en position " + (order.indexOf(id) + 1) +
      " sur " + order.length + ".";
  }
  function moveBy(p, id, step) {
    var from = order.indexOf(id), to = from + step;
    if (to < 0 || to >= order.length) return;
    order.splice(from, 1);
    order.splice(to, 0, id);
    refocus = { id: id, step: step };
    announce(p, id);
    draw();
  }
  function drag(p, list, card, down) {
    // The card follows the finger; it takes the place of the card whose middle it passes.
    if (down.button > 0 || down.target.closest("button")) return;
    down.preventDefault();
    card.setPointerCapture(down.pointerId);
    dragging = true;
    card.classList.add("dragging");
    var startY = down.clientY;
    function follow(e) {
      var dy = e.clientY - startY;
      card.style.transform = "translateY(" + dy + "px)";
      var others = Array.prototype.filter.call(list.children, function (n) { return n !== card; });
      var before = null;
      for (var i = 0; i < others.length; i++) {
        var r = others[i].getBoundingClientRect();
        if (e.clientY < r.top + r.height / 2) { before = others[i]; break; }
      }
      var to = before === null ? others.length : others.indexOf(before);
      var at = Array.prototype.indexOf.call(list.children, card);
      if (to !== at) {
        // the others move round the card: moving the card itself would lose the pointer
        var was = card.getBoundingClientRect().top - dy;
        others.forEach(function (n, i) {
          if (i < to) list.insertBefore(n, card); else list.appendChild(n);
        });
        startY += card.getBoundingClientRect().top - dy - was;  // stay under the finger
        card.style.transform = "translateY(" + (e.clientY - startY) + "px)";
        Array.prototype.forEach.call(list.children, function (n, i) {
          n.querySelector(".rank").textContent = (i + 1) + ".";
        });
      }
    }
    function drop() {
      card.removeEventListener("pointermove", follow);
      card.removeEventListener("pointerup", drop);
      card.removeEventListener("pointercancel", drop);
      card.removeEventListener("lostpointercapture", drop);
      dragging = false;
      order = Array.prototype.map.call(list.children, function (n) { return n.getAttribute("data-id"); });
      announce(p, card.getAttribute("data-id"));
      draw();
    }
    card.addEventListener("pointermove", follow);
    card.addEventListener("pointerup", drop);
    card.addEventListener("pointercancel", drop);
    card.addEventListener("lostpointercapture", drop);  // never stuck lifted
  }
  function drawOrder(p) {
    var ids = p.choices.map(function (c) { return c.id; });
    if (orderFor !== p.id || order.length !== ids.length ||
        order.some(function (id) { return ids.indexOf(id) < 0; })) {
      order = ids;
      orderFor = p.id;
    }
    app.appendChild(el("p", { id: "order-help" },
      "Glissez les cartes du doigt : la première en haut, la dernière en bas. " +
      "Ou utilisez les flèches."));
    var list = el("ol", { "class": "order", "aria-describedby": "order-help" });
    order.forEach(function (id, at) {
      var text = textOf(p, id);
      var card = el("li", { "class": "order-card", "data-id": id });
      card.appendChild(el("span", { "class": "grip", "aria-hidden": "true" }, "⠿"));
      card.appendChild(el("span", { "class": "rank" }, (at + 1) + "."));
      card.appendChild(el("span", { "class": "label" }, text));
      var up = button("↑", "move", function () { moveBy(p, id, -1); });
      up.setAttribute("aria-label", "Monter : " + text);
      up.setAttribute("data-step", "-1");
      up.disabled = at === 0;
      var down = button("↓", "move", function () { moveBy(p, id, 1); });
      down.setAttribute("aria-label", "Descendre : " + text);
      down.setAttribute("data-step", "1");
      down.disabled = at === order.length - 1;
      card.appendChild(up);
      card.appendChild(down);
      card.addEventListener("pointerdown", function (e) { drag(p, list, card, e); });
      list.appendChild(card);
    });
    app.appendChild(list);
    app.appendChild(button("Valider", "go", function () {
      send({ type: "answer", puzzle: p.id, value: order.slice() });
    }));
    if (refocus) {  // the keyboard stays on the card that moved
      var moved = list.querySelector('[data-id="' + refocus.id + '"]');
      var same = moved.querySelector('[data-step="' + refocus.step + '"]');
      (same.disabled ? moved.querySelector('[data-step="' + -refocus.step + '"]') : same).focus();
      refocus = null;
    }
  }

  function drawPuzzle(p) {
    heading(p.title);
    if (p.prompt) app.appendChild(el("p", {}, p.prompt));
    if (p.field === "text" || p.field === "number") {
      var input = el("input", { id: "answer", autocomplete: "off", "aria-label": "Votre réponse" });
      if (p.field === "number") input.setAttribute("inputmode", "numeric");
      app.appendChild(input);
      app.appendChild(button("Valider", "go", function () {
        if (input.value.trim()) send({ type: "answer", puzzle: p.id, value: input.value.trim() });
      }));
    } else if (p.field === "single") {
      p.choices.forEach(function (c) {
        app.appendChild(button(c.text, "choice", function () {
          send({ type: "answer", puzzle: p.id, value: c.id });
        }));
      });
    } else if (p.field === "multiple") {
      p.choices.forEach(function (c) {
        app.appendChild(button(c.text, "choice", function () {
          var i = picked.indexOf(c.id);
          if (i < 0) picked.push(c.id); else picked.splice(i, 1);
          draw();
        }, picked.indexOf(c.id) >= 0));
      });
      app.appendChild(button("Valider", "go", function () {
        if (picked.length) send({ type: "answer", puzzle: p.id, value: picked.slice() });
      }));
    } else if (p.field === "order") {
      drawOrder(p);
    } else if (p.field === "pairs") {
      app.appendChild(el("p", {}, "Touchez un mot à gauche, puis celui qui va avec."));
      p.lefts.forEach(function (l) {
        var right = p.rights.filter(function (r) { return r.id === pairs[l.id]; })[0];
        app.appendChild(button(l.text + (right ? " → " + right.text : ""), "choice", function () {
          left = l.id;
          draw();
        }, left === l.id));
      });
      heading("Va avec…");
      p.rights.forEach(function (r) {
        app.appendChild(button(r.text, "", function () {
          if (left) { pairs[left] = r.id; left = null; draw(); }
        }));
      });
      app.appendChild(button("Valider", "go", function () {
        if (Object.keys(pairs).length === p.lefts.length) send({ type: "answer", puzzle: p.id, value: pairs });
      }));
    } else {
      app.appendChild(el("p", {}, "Répondez sur le grand écran."));
    }
    if (p.hint) app.appendChild(el("p", { "class": "card" }, "Indice : " + p.hint));
    if (p.hints_left > 0) {
      app.appendChild(button("Un indice", "hint", function () { send({ type: "hint", puzzle: p.id }); }));
    }
    app.appendChild(button("Fermer", "item", function () { send({ type: "close" }); }));
  }

  function drawPlaces(v) {
    heading(held ? "Utiliser l'objet sur…" : "Que faire ?");
    v.hotspots.forEach(function (h) {
      app.appendChild(button(h.label, "", function () {
        var m = { type: "use", hotspot: h.id };
        if (held) m.item = held;
        held = null;
        send(m);
        draw();
      }));
    });
    if (v.exits.length) heading("Aller vers");
    v.exits.forEach(function (e) {
      app.appendChild(button(e.label, "exit", function () { send({ type: "go", to: e.to }); }));
    });
    if (v.items.length) heading("Nos objets");
    v.items.forEach(function (i) {
      app.appendChild(button(i.name, "item", function () {
        if (held && held !== i.id) {
          send({ type: "combine", first: held, second: i.id });
          held = null;
        } else {
          held = held === i.id ? null : i.id;
        }
        draw();
      }, held === i.id));
    });
  }

  function drawRoles(roles) {
    (roles || []).forEach(function (r) {
      var box = el("section", { "class": "role", "aria-label": "Votre rôle" });
      box.appendChild(el("h2", {}, "Votre rôle : " + r.name));
      if (r.text) box.appendChild(el("p", {}, r.text));
      if (r.clues.length) {
        box.appendChild(el("p", { "class": "only" }, "Vous seul lisez ceci. Dites-le à l'équipe :"));
        var list = el("ul", {});
        r.clues.forEach(function (c) { list.appendChild(el("li", {}, c)); });
        box.appendChild(list);
      }
      app.appendChild(box);
    });
  }

  function draw() {
    if (dragging) return;  // a new view waits for the finger to lift (drop draws)
    var keep = document.getElementById("answer");
    var typed = keep ? keep.value : "";
    app.textContent = "";
    if (!view) return;
    if (view.phase === "gone") {
      title.textContent = "Déclic";
      app.appendChild(el("p", {}, "Vous n'êtes plus dans cette partie : demandez à l'animateur."));
      return;
    }
    if (view.you) {
      var you = el("p", { "class": "you" });
      var dot = el("span", { "class": "dot", "aria-hidden": "true" });
      dot.style.setProperty("--c", view.you.colour);
      you.appendChild(dot);
      you.appendChild(el("span", {}, view.you.pseudonym));
      app.appendChild(you);
    }
    if (view.phase === "lobby") {
      title.textContent = "Vous êtes dans la partie";
      app.appendChild(el("p", {}, "Regardez le grand écran : l'animateur va lancer le jeu."));
    } else if (view.phase === "playing") {
      title.textContent = view.scene || "Déclic";
      drawRoles(view.roles);
      if (view.puzzle) drawPuzzle(view.puzzle);
      else { picked = []; pairs = {}; left = null; orderFor = null; drawPlaces(view); }
      var again = document.getElementById("answer");
      if (again && typed) again.value = typed;
    } else if (view.phase === "ended") {
      title.textContent = "Partie terminée";
      var card = el("div", { "class": "card" });
      if (view.card) {
        card.appendChild(el("p", {}, "Votre carte de compétences :"));
        card.appendChild(el("p", { "class": "code" }, view.card.code));
        if (view.card.image) {
          card.appendChild(el("img", { src: view.card.image, "class": "picture",
            alt: "Votre carte de compétences, code " + view.card.code }));
          card.appendChild(el("a", { href: view.card.image, download: "ma-carte-declic.png" },
            "Enregistrer l'image de ma carte"));
        }
        if (view.card.url) card.appendChild(el("a", { href: view.card.url }, "Voir ma page de carte en ligne"));
      } else {
        card.appendChild(el("p", {}, "Bravo ! L'animateur va vous remettre votre carte."));
      }
      app.appendChild(card);
    }
  }

  function clearMessage() {
    message.textContent = "";
    message.removeAttribute("data-shown");
    messageId = null;
  }
  function showMessage(m) {
    if (!m) { if (messageId !== null) clearMessage(); return; }
    if (m.id !== messageId) {  // a new message: said once by screen readers (aria-live)
      message.textContent = "";
      message.appendChild(el("span", { "class": "from" }, "Message de l'animateur"));
      message.appendChild(el("span", { "class": "text" }, m.text));
      message.setAttribute("data-shown", "true");
      messageId = m.id;
    }
    clearTimeout(messageTimer);
    messageTimer = setTimeout(clearMessage, m.left * 1000);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    ws = new WebSocket(scheme + location.host + "/ws");
    ws.onopen = function () { wait = 500; status.textContent = "Connecté"; status.removeAttribute("class"); };
    ws.onmessage = function (e) {
      var m = JSON.parse(e.data);
      if (m.type === "view") {
        view = m.view;
        status.textContent = "Connecté";
        draw();
        showMessage(view.message);
        document.body.setAttribute("data-seq", String(view.seq));
      }
      else if (m.type === "error") { status.textContent = m.text; }
    };
    ws.onclose = function () {
      status.textContent = "Connexion perdue, on réessaie…";
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 5000);
    };
  }
  connect();
})();
