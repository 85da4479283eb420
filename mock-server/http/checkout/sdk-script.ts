/**
 * The SDK stand-in: what the mock serves as `/v1/iamport.js` (and the older versioned
 * `/js/iamport.payment-<version>.js`). Plain browser JavaScript kept as a string, so there is no
 * build step; it defines `window.IMP` with `init`, `request_pay` and `close`. It finds the mock by
 * its own script URL, so a merchant's page changes only that URL.
 *
 * `request_pay(params, callback)` posts the parameters to the mock's checkout window: in an overlay
 * iframe on a PC, which answers with a message and then the callback runs; by leaving the page on a
 * mobile browser, which comes back to `m_redirect_url` with the result in the query. Called without
 * a callback, it returns a promise of the same response (docs/decisions/012-browser-checkout.md).
 */
import { CHECKOUT_PREFIX } from "../../../contracts/checkout.ts";

export const CHECKOUT_MESSAGE = "iamport-mock:response";

export const sdkScript = `/* iamport.js stand-in served by iamport-mock: not PortOne's SDK. */
(function () {
  "use strict";
  var script = document.currentScript;
  var mock = new URL(script && script.src ? script.src : "/", location.href).origin;
  var MOBILE = /Mobi|Android|iPhone|iPad|iPod/i;
  var storeCode = null;
  var open = null;
  var counter = 0;

  function field(form, name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }

  function closeWindow() {
    if (!open) return;
    window.removeEventListener("message", open.listener);
    if (open.overlay.parentNode) open.overlay.parentNode.removeChild(open.overlay);
    open = null;
  }

  function refuse(params, message) {
    return {
      success: false,
      imp_uid: null,
      merchant_uid: params && typeof params.merchant_uid === "string" ? params.merchant_uid : "",
      error_code: "INVALID_REQUEST",
      error_msg: message,
    };
  }

  function openCheckout(params, done) {
    if (storeCode === null) return done(refuse(params, "IMP.init(storeCode) was not called before IMP.request_pay"));
    if (open) return done(refuse(params, "a checkout window is already open"));
    var mobile = MOBILE.test(navigator.userAgent);
    var id = "imp-mock-" + ++counter;
    var form = document.createElement("form");
    form.method = "POST";
    form.action = mock + "${CHECKOUT_PREFIX}/open";
    form.acceptCharset = "UTF-8";
    field(form, "store_code", storeCode);
    field(form, "params", JSON.stringify(params || {}));
    field(form, "mode", mobile ? "mobile" : "pc");
    field(form, "origin", location.origin);
    field(form, "window_id", id);
    form.style.display = "none";
    if (mobile) {
      // The page is left for the checkout, which returns to m_redirect_url: no callback runs.
      document.body.appendChild(form);
      form.submit();
      return;
    }
    var overlay = document.createElement("div");
    overlay.id = id;
    overlay.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,0.45);display:flex;align-items:center;justify-content:center");
    var frame = document.createElement("iframe");
    frame.name = id;
    frame.title = "결제창 (iamport-mock)";
    frame.setAttribute("style", "width:min(440px,100vw);height:min(640px,100vh);border:0;border-radius:8px;background:#fff");
    // The window takes the keyboard once it has loaded (a cross-origin frame's autofocus does not).
    frame.addEventListener("load", function () {
      frame.focus();
    });
    overlay.appendChild(frame);
    document.body.appendChild(overlay);
    var listener = function (event) {
      if (event.origin !== mock || !event.data || event.data.type !== "${CHECKOUT_MESSAGE}") return;
      if (event.data.window_id !== id) return;
      closeWindow();
      done(event.data.response);
    };
    open = { overlay: overlay, listener: listener };
    window.addEventListener("message", listener);
    form.target = id;
    document.body.appendChild(form);
    form.submit();
    form.parentNode.removeChild(form);
  }

  window.IMP = {
    init: function (code) {
      storeCode = String(code);
    },
    request_pay: function (params, callback) {
      if (typeof callback === "function") {
        openCheckout(params, function (response) {
          callback(response);
        });
        return undefined;
      }
      return new Promise(function (resolve) {
        openCheckout(params, resolve);
      });
    },
    close: closeWindow,
  };
})();
`;
