"""The ministry's ledger (관리대장): every proposal a staff member may see as one
streamed workbook, and the same workbook read back as a bulk update (issue 18).

``columns`` says what each column holds, who reads it and who may change it;
``writer`` streams the workbook — in the request (``export``) or as a worker's job
(``exports``); ``reading`` reads an edited one back; ``changes`` turns each row into
registry actions and ``updates`` checks and applies them.
"""
