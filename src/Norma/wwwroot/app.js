// The few browser helpers Norma needs; loaded as a file because the Content-Security-Policy forbids inline scripts.
window.norma = {
  submit: (id) => document.getElementById(id)?.submit(),
  print: () => window.print(),
  copy: (text) => navigator.clipboard?.writeText(text),
};

// 完工 signature pad (cases): pointer strokes on a canvas, read back as a PNG data URL; null while nothing is drawn.
window.norma.signature = {
  init: (id) => {
    const canvas = document.getElementById(id);
    if (!canvas || canvas.dataset.ready) return;
    canvas.dataset.ready = '1';
    const ctx = canvas.getContext('2d');
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
    let drawing = false;
    const at = (e) => {
      const r = canvas.getBoundingClientRect();
      return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
    };
    canvas.addEventListener('pointerdown', (e) => {
      drawing = true;
      canvas.setPointerCapture(e.pointerId);
      const [x, y] = at(e);
      ctx.beginPath();
      ctx.moveTo(x, y);
      e.preventDefault();
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drawing) return;
      const [x, y] = at(e);
      ctx.lineTo(x, y);
      ctx.stroke();
      canvas.dataset.drawn = '1';
      e.preventDefault();
    });
    const end = () => { drawing = false; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  },
  clear: (id) => {
    const canvas = document.getElementById(id);
    if (!canvas) return;
    canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
    delete canvas.dataset.drawn;
  },
  data: (id) => {
    const canvas = document.getElementById(id);
    return canvas && canvas.dataset.drawn ? canvas.toDataURL('image/png') : null;
  },
};
