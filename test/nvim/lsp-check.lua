-- Drives the lync-ports language server from Neovim's own LSP client (0.7+), headless:
--   LSP_SERVER=dist/server.js nvim --headless --clean -n -c "luafile test/nvim/lsp-check.lua" FILE
-- Prints what the client received; the node test (nvim.test.ts) checks the lines.
-- Optional: LSP_FIX=1 applies the first quick fix and prints the diagnostics after it;
--           LSP_HOVER="line:col" (1-based) prints the hover text there.

local server = os.getenv('LSP_SERVER')
local timeout = tonumber(os.getenv('LSP_TIMEOUT') or '15000')
local out = function(line) io.stdout:write(line .. '\n') end
local fail = function(reason)
  out('FAIL: ' .. reason)
  vim.cmd('cquit 1')
end

if not server then return fail('LSP_SERVER is not set') end

local buf = vim.api.nvim_get_current_buf()
local file = vim.api.nvim_buf_get_name(buf)
local name = vim.fn.fnamemodify(file, ':t')
local started = vim.loop.hrtime()
local published = {}

local client_id = vim.lsp.start_client({
  name = 'lync-ports',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  settings = { lyncPorts = { severity = {} } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result and result.uri == vim.uri_from_bufnr(buf) then table.insert(published, result) end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
  on_exit = function(code, signal) io.stderr:write(('server exited code=%d signal=%d\n'):format(code, signal)) end,
})
if not client_id then return fail('the server did not start') end
vim.lsp.buf_attach_client(buf, client_id)

local function wait_for_publication(count)
  local ok = vim.wait(timeout, function() return #published >= count end, 20)
  if not ok then fail(('no diagnostics within %d ms'):format(timeout)) end
  return ok
end

local function print_diagnostics(result, label)
  out(('%s: %d'):format(label, #result.diagnostics))
  for _, d in ipairs(result.diagnostics) do
    local href = d.codeDescription and d.codeDescription.href or ''
    out(('  %s:%d:%d: %s [%s] %s <%s>'):format(name, d.range.start.line + 1, d.range.start.character + 1,
      ({ 'error', 'warning', 'info', 'hint' })[d.severity] or '?', d.code, d.message:sub(1, 60), href))
  end
end

if not wait_for_publication(1) then return end
local first = published[1]
print_diagnostics(first, ('diagnostics after %dms'):format((vim.loop.hrtime() - started) / 1e6))

local hover_at = os.getenv('LSP_HOVER')
if hover_at then
  local line, col = hover_at:match('(%d+):(%d+)')
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), position = { line = tonumber(line) - 1, character = tonumber(col) - 1 } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, timeout) or {}
  for _, response in pairs(responses) do
    local value = response.result and response.result.contents and response.result.contents.value or ''
    out('hover: ' .. (value:match('[^\n]+') or ''))
  end
end

if os.getenv('LSP_FIX') and #first.diagnostics > 0 then
  -- vim.diagnostic keeps only part of the LSP diagnostic: send the one the server published.
  local target = first.diagnostics[1]
  local params = { textDocument = vim.lsp.util.make_text_document_params(buf), range = target.range, context = { diagnostics = { target } } }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, timeout) or {}
  local action
  for _, response in pairs(responses) do
    for _, candidate in ipairs(response.result or {}) do
      if candidate.kind == 'quickfix' and candidate.isPreferred and not action then action = candidate end
    end
  end
  if not action then return fail('no preferred quick fix for ' .. target.code) end
  out('code action: ' .. action.title)
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
  if not wait_for_publication(2) then return end
  print_diagnostics(published[#published], 'diagnostics after fix')
end

out(('OK in %dms'):format((vim.loop.hrtime() - started) / 1e6))
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qa!')
