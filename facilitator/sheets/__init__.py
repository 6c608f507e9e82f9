"""The facilitator's sheet of a scenario (``declic sheet``): goals, introduction, timings,
materials, the answer key with its « pourquoi », what to observe, the core debrief, the jobs
with their real routes in, and next steps — as an A4 PDF and as Markdown."""
