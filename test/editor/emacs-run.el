;; SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
;;; emacs-run.el --- Emacs 28 + eglot (Debian 12) with docs/editors.md's setup, in batch mode
;;   COROLINT_CLANGD=... emacs --batch -l emacs-run.el FILE
;; Prints the coro diagnostics flymake receives from eglot, runs the first
;; one's quick fix through `eglot-code-actions', and prints what is left.
(require 'package)
(package-initialize)
(require 'eglot)
(require 'cc-mode)

(defun corolint-test-out (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n")))

;; The setup of docs/editors.md.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((c-mode c++-mode c-ts-mode c++-ts-mode)
                 . (,(or (getenv "COROLINT_CLANGD") "corolint-clangd")))))

(defun corolint-test-coro-diagnostics ()
  (cl-remove-if-not
   (lambda (d) (string-match-p "coro-" (flymake-diagnostic-text d)))
   (flymake-diagnostics)))

(defun corolint-test-wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.5)
      (when (bound-and-true-p flymake-mode) (flymake-start)))
    (funcall predicate)))

(let* ((file (car command-line-args-left))
       (buffer (find-file-noselect file)))
  (setq command-line-args-left nil)
  (with-current-buffer buffer
    (c++-mode)
    ;; eglot-ensure connects from post-command-hook, which batch mode never
    ;; runs: connect as it would.
    (apply #'eglot--connect (eglot--guess-contact))
    ;; flymake waits for the buffer to be displayed, which batch mode never
    ;; does: start it as displaying would, again while waiting.
    (corolint-test-wait (lambda () (flymake-start) nil) 3)
    (unless (corolint-test-wait (lambda () (corolint-test-coro-diagnostics)) 120)
      (corolint-test-out "emacs: no coro diagnostic")
      (kill-emacs 1))
    (let ((first (corolint-test-coro-diagnostics)))
      (dolist (d first)
        (corolint-test-out "emacs %d: %s" (line-number-at-pos (flymake-diagnostic-beg d))
                           (flymake-diagnostic-text d)))
      (let ((d (car first)))
        (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d)
                            "quickfix" t))
      ;; eglot sends the change from an idle timer, and batch mode is never
      ;; idle: send it as the timer would.
      (eglot--signal-textDocument/didChange)
      (corolint-test-wait (lambda () (< (length (corolint-test-coro-diagnostics)) (length first))) 120)
      (corolint-test-out "emacs after the fix: %d coro diagnostic(s)"
                         (length (corolint-test-coro-diagnostics)))
      (write-region nil nil (concat file ".emacs") nil 'silent)
      (eglot-shutdown (eglot-current-server))
      (kill-emacs 0))))
