// Progressive enhancement only: every form also works without this script.
// Shows upload progress for bijlagen (large files) through htmx's XHR progress event.
document.addEventListener("htmx:xhr:progress", function (event) {
  var form = event.target.closest ? event.target.closest("form[data-voortgang]") : null;
  if (!form || !event.detail.lengthComputable) { return; }
  var bar = document.getElementById(form.getAttribute("data-voortgang"));
  if (!bar) { return; }
  bar.hidden = false;
  bar.max = event.detail.total;
  bar.value = event.detail.loaded;
  var text = document.getElementById(form.getAttribute("data-voortgang") + "-tekst");
  if (text) { text.textContent = Math.round((event.detail.loaded / event.detail.total) * 100) + "% verstuurd"; }
});
