// Lua scripts of the Redis presence: each runs atomically, so two nodes never both announce one
// change. Keys under a prefix P:
//   P:conns:<room>  hash  "<node>/<connection>" → name   (every connection in the room)
//   P:names:<room>  hash  name → number of its connections in the room, on any node
//   P:rooms         set   rooms with at least one member
//   P:node:<node>   set   "<room>\n<connection>" of that node, to reap it when it dies
//   P:nodes         set   nodes that may hold connections
//   P:alive:<node>  string with an expiry, refreshed by the node's heartbeat

/** KEYS conns names rooms node nodes · ARGV field name room member nodeId → 1 when name is new. */
export const ADD = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('SADD', KEYS[4], ARGV[4])
redis.call('SADD', KEYS[5], ARGV[5])
redis.call('SADD', KEYS[3], ARGV[3])
if redis.call('HINCRBY', KEYS[2], ARGV[2], 1) == 1 then return 1 end
return 0`;

// Shared by REMOVE and REAP: drops one connection; returns its name when that name left the room.
const DROP = `
local function drop(prefix, room, field, member, nodeKey)
  local conns = prefix .. ':conns:' .. room
  local names = prefix .. ':names:' .. room
  local name = redis.call('HGET', conns, field)
  if not name then return nil end
  redis.call('HDEL', conns, field)
  redis.call('SREM', nodeKey, member)
  if redis.call('HINCRBY', names, name, -1) > 0 then return nil end
  redis.call('HDEL', names, name)
  if redis.call('HLEN', names) == 0 then redis.call('SREM', prefix .. ':rooms', room) end
  return name
end`;

/** ARGV prefix room field member nodeKey → the name that left, or nil. */
export const REMOVE = `${DROP}
return drop(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])`;

/**
 * ARGV prefix nodeId force → flat [room, name, …] that left. Reaps the node when its alive key is
 * gone (or `force` = 1: a restarted node clearing its previous life). SREM decides who reaps, so
 * each departure is returned to exactly one caller.
 */
export const REAP = `${DROP}
local prefix, node = ARGV[1], ARGV[2]
if ARGV[3] ~= '1' and redis.call('EXISTS', prefix .. ':alive:' .. node) == 1 then return {} end
if redis.call('SREM', prefix .. ':nodes', node) == 0 and ARGV[3] ~= '1' then return {} end
local nodeKey = prefix .. ':node:' .. node
local left = {}
for _, member in ipairs(redis.call('SMEMBERS', nodeKey)) do
  local sep = string.find(member, '\\n', 1, true)
  local room = string.sub(member, 1, sep - 1)
  local name = drop(prefix, room, node .. '/' .. string.sub(member, sep + 1), member, nodeKey)
  if name then
    table.insert(left, room)
    table.insert(left, name)
  end
end
redis.call('DEL', nodeKey)
return left`;

/** KEYS alive nodes · ARGV nodeId ttlMs → 1 when the alive key was still there (0: we were lost). */
export const HEARTBEAT = `
local existed = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return existed`;
