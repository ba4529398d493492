-- SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
-- Neovim (0.7, Debian 12) with docs/editors.md's setup, driven headless:
--   COROLINT_CLANGD=... nvim --headless -u neovim-run.lua FILE
-- Prints the coro diagnostics Neovim receives, applies the first quick fix
-- of the first one through Neovim's own LSP client, and prints what is left.
vim.cmd('filetype on')
local server = os.getenv('COROLINT_CLANGD') or 'corolint-clangd'

-- The setup of docs/editors.md ("with no plugin at all").
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'c', 'cpp' },
  callback = function(args)
    local client = vim.lsp.start_client({
      name = 'corolint-clangd',
      cmd = { server },
      root_dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':h'),
    })
    vim.lsp.buf_attach_client(args.buf, client)
  end,
})

local function out(line) io.stdout:write(line .. '\n') end

local function coro_diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if tostring(d.code or ''):match('^coro%-') then table.insert(found, d) end
  end
  return found
end

local function show(list)
  for _, d in ipairs(list) do
    out(string.format('neovim %d:%d %s: %s', d.lnum + 1, d.col + 1, d.code, d.message))
  end
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok = vim.wait(120000, function() return #coro_diagnostics() > 0 end, 100)
    if not ok then out('neovim: no coro diagnostic'); vim.cmd('qall!') return end
    local first = coro_diagnostics()
    show(first)
    local d = first[1]
    local params = {
      textDocument = vim.lsp.util.make_text_document_params(),
      range = { start = { line = d.lnum, character = d.col },
                ['end'] = { line = d.end_lnum, character = d.end_col } },
      context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(0, d.lnum), only = { 'quickfix' } },
    }
    local responses = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 60000)
    local applied = false
    for _, response in pairs(responses or {}) do
      for _, action in ipairs(response.result or {}) do
        if not applied and action.edit then
          out('neovim action: ' .. action.title)
          vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
          applied = true
        end
      end
    end
    -- The edit changes the buffer; the client sends didChange and the
    -- server publishes again.
    local settled = vim.wait(120000, function() return #coro_diagnostics() < #first end, 100)
    out('neovim after the fix: ' .. #coro_diagnostics() .. ' coro diagnostic(s)' .. (settled and '' or ' (timed out)'))
    vim.cmd('silent write! ' .. vim.fn.fnameescape(vim.api.nvim_buf_get_name(0) .. '.neovim'))
    vim.lsp.stop_client(vim.lsp.get_active_clients())
    vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 100)
    vim.cmd('qall!')
  end,
})
