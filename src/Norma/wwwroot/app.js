// The few browser helpers Norma needs; loaded as a file because the Content-Security-Policy forbids inline scripts.
window.norma = {
  submit: (id) => document.getElementById(id)?.submit(),
  print: () => window.print(),
  copy: (text) => navigator.clipboard?.writeText(text),
};
