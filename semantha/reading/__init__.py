"""Reading: a scanned file becomes pages of text with word boxes.

load (PDF, TIFF, JPEG, PNG; pdfscan decodes scanner pages) -> imaging (orientation,
deskew, noise, blank pages; stamps and checkboxes are found and erased) -> ocr
(Tesseract; wordfilter drops scribbles) -> extract (recipient, Aktenzeichen, date, subject).
"""
