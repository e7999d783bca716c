// The page's words in English and Simplified Chinese. The language comes from ?lang= in the URL
// (a link a teacher can hand out), else the reader's last choice on the switch, else the
// browser's language. Only the page's own words are translated: what the node answers (its
// messages, the data in blocks) stays exactly as the node sent it; events and verdicts are said
// here from their codes and parameters.

const WORDS = {
  en: {
    'page.title': 'Blockchain node',
    'page.language': 'Language',
    'live.connecting': 'connecting…',
    'live.streaming': 'live · updated {time}',
    'live.polling': 'updated {time} · checking every second',
    'live.down': 'down since {time}: the node does not answer; retrying…',
    'live.notRunning': 'not running · checked {time}',
    'unit.d': 'd', 'unit.h': 'h', 'unit.min': 'min', 'unit.s': 's',
    'time.ago': '{duration} ago',
    'count.transactions': { one: '{n} transaction', other: '{n} transactions' },
    'count.blocks': { one: '{n} block', other: '{n} blocks' },

    'chain.title': 'The chain',
    'chain.hint': 'Each block names its parent\'s hash; the newest is on the right. Open a block to see inside it.',
    'chain.genesis': 'genesis: made, not mined',
    'chain.parent': 'parent {hash}',
    'chain.proof': 'proof {proof}',
    'chain.minedHere': 'mined here',
    'chain.pushedFrom': 'from {peer}',
    'chain.syncedFrom': 'synced from {peer}',
    'chain.inspect': 'Inside',
    'chain.empty': 'No blocks to show.',
    'mining.started': 'Mining block {index} at difficulty {difficulty}…',
    'mining.progress': 'Mining block {index}: {attempts} proofs tried, {rate} a second',
    'mining.found': 'Found proof {proof} for block {index} after {attempts} tries, in {seconds} s',

    'network.title': 'The network',
    'network.hint': 'Every node this one knows, and their recent blocks as one tree: an arrow points from a block to its parent; grey blocks are not on this node\'s chain (the other side of a fork).',
    'network.treeLabel': 'The recent blocks of every node',
    'network.at': 'as of {time}',
    'network.answers': 'answers',
    'network.down': 'down since {time} (last heard)',
    'network.tutorial': 'tutorial API: heard through syncs',
    'network.height': 'height {n}',
    'network.pending': '{n} pending',
    'network.holders': 'on the chains of: {nodes}',
    'network.droppedShort': 'dropped by {node}',
    'network.journey': 'Block #{height} {hash}: its journey',
    'network.journeyHint': 'Click a block in the tree to follow it. Each node tells when it took the block, by its own clock.',
    'network.notHere': 'Not on this node\'s chain: a fork\'s other side.',
    'network.step.mined': '{node} mined it at {time}',
    'network.step.pushed': '{node} took it {delay} later, pushed by {from}',
    'network.step.synced': '{node} took it {delay} later, synced from {from}',
    'network.step.adopted': '{node} took it {delay} later, switching to {from}\'s chain',
    'network.step.other': '{node} took it {delay} later ({how})',
    'network.step.first': '{node} took it at {time} ({how})',
    'network.dropped': 'dropped by {node} at {time}, its {transactions} went back to the pool',
    'network.droppedNone': 'dropped by {node} at {time}; none of its transactions went back to the pool (the winning chain holds them, or it had only its reward)',
    'network.how.restored': 'a snapshot restored', 'network.how.reset': 'started afresh', 'network.how.imported': 'imported',
    'network.how.mined': 'mined here', 'network.how.pushed': 'pushed', 'network.how.synced': 'synced', 'network.how.adopted': 'a longer chain',
    'network.noJourney': 'No node remembers taking it (its nodes restarted, or it is older than they keep).',
    'network.inside': 'Inside the block',
    'network.delayMs': '{n} ms',
    'network.delayS': '{n} s',
    'node.title': 'This node',
    'node.height': 'Height',
    'node.pending': 'Pending',
    'node.difficulty': 'Difficulty',
    'node.difficultyValue': '{n} leading zeros',
    'node.uptime': 'Uptime',
    'node.mining': 'Mining by itself',
    'plan.manual': 'no: only when asked, as in the tutorial',
    'plan.on-transaction': 'when a client posts a transaction here',
    'plan.interval': 'every {interval} s after each block it mines',
    'plan.throttle': '{threads} at {duty}%',
    'plan.threads': { one: '{n} thread', other: '{n} threads' },
    'plan.queued': '{blocks} waiting to be mined',
    'node.network': 'Network',
    'node.qr': 'A QR code of this page\'s address',
    'node.qrCaption': 'Open this node on a phone or laptop, or give it to your own node as a peer',
    'net.open': 'open: talks to every peer',
    'net.paused': 'paused by the operator: sends and takes no peer messages',
    'net.ignored': 'ignores {peers} (a partition)',
    'net.link': 'to {peer}: +{latency} ms, {drop}% dropped',
    'event.network.changed': 'network from now on: {state}',
    'net.withhold': 'withholding the blocks it mines: {blocks} not yet shown to anyone',
    'event.block.withheld': 'mined block {block} in secret: {blocks} withheld, not yet shown to anyone',
    'event.block.released': 'released a withheld branch of {blocks}: not longer than ours ({previous}), so it lost the race',
    'node.lastHash': 'Last block hash',
    'node.id': 'Node id',
    'node.dataDir': 'Data directory',

    'actions.title': 'Actions',
    'actions.newTransaction': 'New transaction',
    'actions.sender': 'Sender',
    'actions.recipient': 'Recipient',
    'actions.amount': 'Amount',
    'actions.addTransaction': 'Add transaction',
    'actions.mine': 'Mine a block',
    'actions.resolve': 'Resolve with peers',
    'actions.registerPeer': 'Register a peer',
    'actions.peerAddress': 'Peer address',
    'actions.register': 'Register',
    'actions.mining': 'Mining…',
    'actions.forged': 'Block #{index} forged in {ms} ms: proof {proof}, {transactions}, parent {parent}',
    'actions.txAccepted': 'Transaction will be added to Block {index}',
    'actions.registered': 'New nodes have been added: {nodes}',
    'resolve.Our chain was replaced': 'Our chain was replaced',
    'resolve.Our chain is authoritative': 'Our chain is authoritative',
    'resolve.blocks': '{n} blocks',

    'feed.title': 'What happened',
    'feed.empty': 'Nothing yet: blocks mined here or arriving from peers, transactions, reorgs and peers appear here as they happen.',
    'event.block.mined': 'mined block {block} ({hash}) with {transactions}, the reward included',
    'event.block.pushed': 'block {block} ({hash}) from {peer}, {transactions}',
    'event.block.synced': 'took {blocks} from {peer}: now {length} blocks, the newest {block} ({hash})',
    'event.block.refused': 'refused a pushed block {block}: {reason}',
    'event.reorg.adopted': 'adopted {peer}\'s chain ({length} > {previous} blocks): {dropped} dropped, {returned} back in the pool',
    'event.reorg.droppedOne': 'our block {block} ({hash})',
    'event.reorg.droppedMany': 'our {n} blocks from {block}',
    'event.transaction.accepted': 'transaction {transaction} will be added to block {block}',
    'event.transaction.relayed': 'transaction {transaction} from {peer}',
    'event.transaction.refused': 'refused transaction {transaction}: {reason}',
    'event.peer.registered': 'registered {peer}',
    'event.peer.registeredSilent': 'registered {peer}, which does not answer now',
    'event.peer.reachable': '{peer} answers again',
    'event.peer.unreachable': '{peer} does not answer',
    'event.peer.refused': 'refused {peer}\'s chain: {reason}',
    'event.aPeer': 'a peer',
    'event.mining.plan': 'mining by itself from now on: {plan}',

    'rule.type': 'a field has the wrong type',
    'rule.genesis': 'the first block is not this network\'s genesis block',
    'rule.index': 'its index is not one more than its parent\'s',
    'rule.previous_hash': 'its previous_hash is not the hash of the block before it',
    'rule.proof': 'its proof of work is not valid',
    'rule.transaction': 'a transaction in it is not valid',
    'rule.reward': 'its mining reward is wrong',
    'rule.signature': 'a signature in it does not verify',
    'rule.nonce': 'a transaction\'s nonce is out of order',
    'rule.balance': 'a sender spends more than it has',
    'rule.atBlock': 'block {block}: {rule}',

    'peers.title': 'Peers',
    'peers.peer': 'Peer',
    'peers.state': 'State',
    'peers.height': 'Height',
    'peers.lastHeard': 'Last heard',
    'peers.lastResolve': 'Last resolve',
    'peers.empty': 'No peers yet.',
    'peers.up': 'answers',
    'peers.down': 'down',
    'peers.unknown': 'not heard yet',
    'peers.tutorial': 'tutorial API',
    'peers.never': 'never',
    'outcome.never resolved': 'never resolved',

    'inspector.title': 'Inside a block',
    'inspector.block': 'Block',
    'inspector.inspect': 'Inspect',
    'inspector.bytesTitle': 'The bytes the node hashed',
    'inspector.bytesHint1': 'Python\'s',
    'inspector.bytesHint2': ': keys sorted, numbers as stored.',
    'inspector.hashIs': 'SHA-256 of these bytes, the block\'s hash:',
    'inspector.proofTitle': 'Its proof of work',
    'inspector.linked': '= block {next}\'s previous_hash',
    'inspector.notLinked': '≠ block {next}\'s previous_hash',
    'inspector.genesis': 'The first block is made, not mined: its proof is {proof} and its previous_hash "1".',
    'inspector.valid': ': it starts with {zeros} zeros, so {proof} is a valid proof after block {parent}.',
    'inspector.invalid': ': it does not start with {zeros} zeros.',
    'inspector.note': 'The proof ties this block to block {parent} (its proof and hash); it does not cover this block\'s own '
      + 'transactions, as in the tutorial: changing them changes this block\'s hash, which breaks block {next}\'s '
      + 'previous_hash and proof instead.',
    'inspector.noBlock': 'this node has no block {index}',
    'inspector.http': 'the node answered HTTP {status}',

    'lab.title': 'Tamper lab',
    'lab.intro': 'A copy of this node\'s chain, kept in this page: change a transaction and watch what breaks, as a forger '
      + 'would. The node\'s own chain is never touched.',
    'lab.copy': 'Copy the chain into the lab',
    'lab.remine': 'Re-mine the red blocks',
    'lab.stop': 'Stop',
    'lab.ask': 'Ask the node',
    'lab.loaded': '{length} blocks copied. Change a field of any of the last {shown}: its hash changes, the lab writes '
      + 'the new hash into the next block\'s previous_hash, as a forger would, and every block whose proof breaks turns red. '
      + 'Re-mining takes at most {cap} blocks at a time.',
    'lab.tooLong': 'This chain has {length} blocks; the lab copies chains of up to {max} blocks.',
    'lab.signed': 'This node keeps a signed ledger: re-mining finds new proofs but cannot re-sign a transfer, so the node '
      + 'still refuses a changed signed transaction (rule "signature"), whatever the proofs.',
    'lab.remining': 'Re-mining block {block}: {attempts} proofs tried…',
    'lab.done': 'Every block is green: {blocks} re-mined, {attempts} proofs tried.',
    'lab.capped': '{blocks} re-mined; press again for the next {cap}.',
    'lab.stopped': 'Stopped.',
    'lab.edited': 'edited',
    'lab.broken': 'proof broken',
    'lab.valid': 'proof valid',
    'lab.asking': 'Asking the node…',
    'lab.verdictValid': 'The node says: valid, {length} blocks.',
    'lab.verdictInvalid': 'The node says: invalid, {rule}.',
    'lab.nodeWords': 'In the node\'s words: {message}',
    'lab.proofField': 'proof',
    'lab.timestampField': 'timestamp',

    'wallet.title': 'Wallet',
    'wallet.create': 'Create a wallet',
    'wallet.importTitle': 'Import a key',
    'wallet.importLabel': 'Private key (PKCS#8, base64, as exported here)',
    'wallet.import': 'Import',
    'wallet.address': 'Address',
    'wallet.balance': 'Balance',
    'wallet.available': 'Available',
    'wallet.nextNonce': 'Next nonce',
    'wallet.send': 'Send, signed by this wallet',
    'wallet.to': 'To (address)',
    'wallet.toPlaceholder': '64 hex characters',
    'wallet.amountPlaceholder': 'a whole number',
    'wallet.signAndSend': 'Sign and send',
    'wallet.mine': 'Mine a block to my wallet',
    'wallet.lookUp': 'Look up',
    'wallet.anyAddress': 'any address',
    'wallet.exportTitle': 'Export or forget this wallet',
    'wallet.exportWarning': 'Whoever has this key can spend this wallet\'s coins, and a forgotten key cannot be recovered. '
      + 'The key never leaves this browser unless you copy it from here.',
    'wallet.showKey': 'Show the private key',
    'wallet.forget': 'Forget this wallet',
    'wallet.open': 'This node keeps the tutorial\'s open ledger: anyone sends anything. Start every node of a network with '
      + '-Dblockchain.ledger=signed for signed transactions and balances.',
    'wallet.noCrypto': 'This browser cannot make Ed25519 keys here: WebCrypto needs a secure context (http://localhost, '
      + '127.0.0.1 or HTTPS) and a browser whose WebCrypto has Ed25519 (recent Chromium, Firefox, Safari).',
    'wallet.kept': 'The key is made and kept in this browser (localStorage); it is never sent to the node.',
    'wallet.badKey': 'That is not an Ed25519 private key in PKCS#8, base64.',
    'wallet.badTo': 'To must be an address: 64 lowercase hex characters.',
    'wallet.badAmount': 'The amount must be a whole number above 0.',
    'wallet.minedTo': 'Block #{index} forged: 1 for this wallet',
    'wallet.lookup': 'balance {balance}, available {available}, next nonce {nonce}',
    'wallet.unknown': 'unknown',
    'wallet.forgetConfirm': 'Forget this wallet? Without an exported copy of its key, its coins are lost.',

    'pending.title': 'Pending transactions',
    'pending.empty': 'Nothing waiting.',
    'chart.title': 'The last 50 blocks',
    'chart.gap': 'seconds since the previous block',
    'chart.count': 'transactions in the block',
    'chart.label': 'Seconds between blocks and transactions per block',
    'chart.bar': '#{index}: {gap} s after its parent, {transactions}',
    'load.title': 'Load, the last five minutes',
    'load.rate': 'Requests per second:',
    'load.flush': 'Disk flush (write and fdatasync of a group commit), mean:',
    'load.rateLabel': 'Requests per second over the last five minutes',
    'load.flushLabel': 'Mean flush time over the last five minutes',
    'load.requests': '{n} requests/s',
    'load.noWrites': 'no writes yet',
    'load.max': 'max {value}',
    'load.now': 'now',
    'token.title': 'Operator\'s token',
    'token.token': 'Token',
    'token.kept': 'Kept in this browser tab only, until it closes.',
    'token.use': 'Use token',
    'token.cancel': 'Cancel',
    'token.needed': 'This node needs its operator\'s token.',
  },
  'zh-CN': {
    'page.title': '区块链节点',
    'page.language': '语言',
    'live.connecting': '正在连接…',
    'live.streaming': '实时 · 更新于 {time}',
    'live.polling': '更新于 {time} · 每秒检查一次',
    'live.down': '自 {time} 起无响应：节点没有回答，正在重试…',
    'live.notRunning': '未运行 · 检查于 {time}',
    'unit.d': '天', 'unit.h': '小时', 'unit.min': '分', 'unit.s': '秒',
    'time.ago': '{duration}前',
    'count.transactions': { one: '{n} 笔交易', other: '{n} 笔交易' },
    'count.blocks': { one: '{n} 个区块', other: '{n} 个区块' },

    'chain.title': '区块链',
    'chain.hint': '每个区块都写着父区块的哈希；最新的在右边。打开一个区块，看看里面。',
    'chain.genesis': '创世块：创建的，不是挖出来的',
    'chain.parent': '父块 {hash}',
    'chain.proof': '工作量证明 {proof}',
    'chain.minedHere': '本节点挖出',
    'chain.pushedFrom': '来自 {peer}',
    'chain.syncedFrom': '从 {peer} 同步',
    'chain.inspect': '查看内部',
    'chain.empty': '没有可显示的区块。',
    'mining.started': '正在以难度 {difficulty} 挖第 {index} 块…',
    'mining.progress': '正在挖第 {index} 块：已尝试 {attempts} 个证明，每秒 {rate} 个',
    'mining.found': '找到第 {index} 块的证明 {proof}，尝试了 {attempts} 次，用时 {seconds} 秒',

    'network.title': '网络',
    'network.hint': '这个节点知道的所有节点，以及它们最近的区块组成的一棵树：箭头从区块指向它的父区块；灰色的区块不在本节点的链上（分叉的另一边）。',
    'network.treeLabel': '每个节点最近的区块',
    'network.at': '更新于 {time}',
    'network.answers': '有响应',
    'network.down': '自 {time} 起无响应（最近一次响应）',
    'network.tutorial': '教程 API：通过同步得知',
    'network.height': '高度 {n}',
    'network.pending': '{n} 笔待处理',
    'network.holders': '在这些节点的链上：{nodes}',
    'network.droppedShort': '被 {node} 丢弃',
    'network.journey': '第 {height} 块 {hash}：它的旅程',
    'network.journeyHint': '点击树中的区块来跟踪它。每个节点按自己的时钟报告它何时取得这个区块。',
    'network.notHere': '不在本节点的链上：分叉的另一边。',
    'network.step.mined': '{node} 在 {time} 挖出了它',
    'network.step.pushed': '{node} 在 {delay} 后取得它，由 {from} 推送',
    'network.step.synced': '{node} 在 {delay} 后取得它，从 {from} 同步',
    'network.step.adopted': '{node} 在 {delay} 后取得它，改用 {from} 的链',
    'network.step.other': '{node} 在 {delay} 后取得它（{how}）',
    'network.step.first': '{node} 在 {time} 取得它（{how}）',
    'network.dropped': '{node} 在 {time} 丢弃了它，其中的{transactions}退回了交易池',
    'network.droppedNone': '{node} 在 {time} 丢弃了它；没有交易退回交易池（获胜的链也包含它们，或者它只有奖励）',
    'network.how.restored': '恢复了快照', 'network.how.reset': '重新开始', 'network.how.imported': '导入',
    'network.how.mined': '本地挖出', 'network.how.pushed': '推送', 'network.how.synced': '同步', 'network.how.adopted': '更长的链',
    'network.noJourney': '没有节点记得何时取得它（节点重启过，或者它比节点保留的记录更早）。',
    'network.inside': '查看区块内部',
    'network.delayMs': '{n} 毫秒',
    'network.delayS': '{n} 秒',
    'node.title': '本节点',
    'node.height': '高度',
    'node.pending': '待处理',
    'node.difficulty': '难度',
    'node.difficultyValue': '前导零 {n} 个',
    'node.uptime': '运行时间',
    'node.mining': '自动挖矿',
    'plan.manual': '否：只在要求时挖矿，和教程一样',
    'plan.on-transaction': '有客户端在这里提交交易时',
    'plan.interval': '每挖出一个区块后等待 {interval} 秒',
    'plan.throttle': '{threads}，{duty}% 的时间',
    'plan.threads': { one: '{n} 个线程', other: '{n} 个线程' },
    'plan.queued': '{blocks}等待挖出',
    'node.network': '网络',
    'node.qr': '本页面地址的二维码',
    'node.qrCaption': '用手机或笔记本打开这个节点，或者把它作为对等节点加到你自己的节点上',
    'net.open': '正常：与所有节点通信',
    'net.paused': '已被运维暂停：不收发任何节点消息',
    'net.ignored': '忽略 {peers}（网络分区）',
    'net.link': '发往 {peer}：延迟 +{latency} 毫秒，丢弃 {drop}%',
    'event.network.changed': '从现在起网络：{state}',
    'net.withhold': '扣留自己挖出的区块：{blocks}尚未公开',
    'event.block.withheld': '秘密挖出第 {block} 块：扣留了{blocks}，尚未公开',
    'event.block.released': '公开了扣留的 {blocks} 的分支：不比我们的链（{previous}）长，所以输掉了竞赛',
    'node.lastHash': '最新区块哈希',
    'node.id': '节点 ID',
    'node.dataDir': '数据目录',

    'actions.title': '操作',
    'actions.newTransaction': '新交易',
    'actions.sender': '发送方',
    'actions.recipient': '接收方',
    'actions.amount': '金额',
    'actions.addTransaction': '添加交易',
    'actions.mine': '挖一个区块',
    'actions.resolve': '与其他节点达成共识',
    'actions.registerPeer': '注册节点',
    'actions.peerAddress': '节点地址',
    'actions.register': '注册',
    'actions.mining': '正在挖矿…',
    'actions.forged': '第 {index} 块已挖出，用时 {ms} 毫秒：证明 {proof}，{transactions}，父块 {parent}',
    'actions.txAccepted': '交易将加入第 {index} 块',
    'actions.registered': '已添加新节点：{nodes}',
    'resolve.Our chain was replaced': '我们的链已被替换',
    'resolve.Our chain is authoritative': '我们的链是权威的',
    'resolve.blocks': '{n} 个区块',

    'feed.title': '发生了什么',
    'feed.empty': '还没有事件：本节点挖出的或从其他节点收到的区块、交易、链重组和节点变化，发生时都会显示在这里。',
    'event.block.mined': '挖出第 {block} 块（{hash}），含 {transactions}（包括奖励）',
    'event.block.pushed': '收到 {peer} 的第 {block} 块（{hash}），含 {transactions}',
    'event.block.synced': '从 {peer} 取得 {blocks}：现在共 {length} 块，最新的是第 {block} 块（{hash}）',
    'event.block.refused': '拒绝了推送来的第 {block} 块：{reason}',
    'event.reorg.adopted': '采用了 {peer} 的链（{length} > {previous} 块）：丢弃了{dropped}，{returned}退回交易池',
    'event.reorg.droppedOne': '我们的第 {block} 块（{hash}）',
    'event.reorg.droppedMany': '我们从第 {block} 块起的 {n} 个区块',
    'event.transaction.accepted': '交易 {transaction} 将加入第 {block} 块',
    'event.transaction.relayed': '收到 {peer} 转发的交易 {transaction}',
    'event.transaction.refused': '拒绝了交易 {transaction}：{reason}',
    'event.peer.registered': '注册了节点 {peer}',
    'event.peer.registeredSilent': '注册了节点 {peer}，它现在没有响应',
    'event.peer.reachable': '{peer} 又有响应了',
    'event.peer.unreachable': '{peer} 没有响应',
    'event.peer.refused': '拒绝了 {peer} 的链：{reason}',
    'event.aPeer': '某个节点',
    'event.mining.plan': '从现在起自动挖矿：{plan}',

    'rule.type': '有字段的类型不对',
    'rule.genesis': '第一个区块不是本网络的创世块',
    'rule.index': '它的序号不是父块序号加一',
    'rule.previous_hash': '它的 previous_hash 不是前一个区块的哈希',
    'rule.proof': '它的工作量证明无效',
    'rule.transaction': '其中有一笔交易无效',
    'rule.reward': '它的挖矿奖励不对',
    'rule.signature': '其中有签名验证不通过',
    'rule.nonce': '有交易的 nonce 顺序不对',
    'rule.balance': '有发送方花费超过了余额',
    'rule.atBlock': '第 {block} 块：{rule}',

    'peers.title': '其他节点',
    'peers.peer': '节点',
    'peers.state': '状态',
    'peers.height': '高度',
    'peers.lastHeard': '最近响应',
    'peers.lastResolve': '最近共识',
    'peers.empty': '还没有其他节点。',
    'peers.up': '有响应',
    'peers.down': '无响应',
    'peers.unknown': '尚未联系',
    'peers.tutorial': '教程 API',
    'peers.never': '从未',
    'outcome.never resolved': '从未共识',
    'outcome.adopted': '已采用',
    'outcome.shorter': '较短',
    'outcome.equal': '一样长',
    'outcome.invalid': '无效',
    'outcome.unreachable': '无法连接',
    'outcome.timeout': '超时',
    'outcome.too-large': '太大',
    'outcome.bad-response': '回答有误',

    'inspector.title': '区块内部',
    'inspector.block': '区块',
    'inspector.inspect': '查看',
    'inspector.bytesTitle': '节点哈希的字节',
    'inspector.bytesHint1': 'Python 的',
    'inspector.bytesHint2': '：键已排序，数字保持原样。',
    'inspector.hashIs': '这些字节的 SHA-256，即区块的哈希：',
    'inspector.proofTitle': '它的工作量证明',
    'inspector.linked': '= 第 {next} 块的 previous_hash',
    'inspector.notLinked': '≠ 第 {next} 块的 previous_hash',
    'inspector.genesis': '第一个区块是创建的，不是挖出来的：它的证明是 {proof}，previous_hash 是 "1"。',
    'inspector.valid': '：以 {zeros} 个零开头，所以 {proof} 是第 {parent} 块之后的有效证明。',
    'inspector.invalid': '：没有以 {zeros} 个零开头。',
    'inspector.note': '工作量证明把本区块和第 {parent} 块（它的证明和哈希）连在一起；它不包括本区块自己的交易，和教程一样：'
      + '改动这些交易会改变本区块的哈希，从而破坏第 {next} 块的 previous_hash 和工作量证明。',
    'inspector.noBlock': '本节点没有第 {index} 块',
    'inspector.http': '节点回答了 HTTP {status}',

    'lab.title': '篡改实验室',
    'lab.intro': '本节点区块链的一份副本，只保存在这个页面里：像伪造者那样改动一笔交易，看看什么会被破坏。节点自己的链不会被改动。',
    'lab.copy': '把链复制到实验室',
    'lab.remine': '重新挖红色的区块',
    'lab.stop': '停止',
    'lab.ask': '问问节点',
    'lab.loaded': '已复制 {length} 个区块。改动最后 {shown} 个区块中任意一个的字段：它的哈希会改变，实验室像伪造者那样把新哈希写进'
      + '下一个区块的 previous_hash，每个工作量证明被破坏的区块都会变红。每次最多重新挖 {cap} 个区块。',
    'lab.tooLong': '这条链有 {length} 个区块；实验室最多复制 {max} 个区块的链。',
    'lab.signed': '本节点使用签名账本：重新挖矿能找到新的证明，但不能重新签名转账，所以节点仍会拒绝被改动的签名交易'
      + '（规则 "signature"），无论证明是否有效。',
    'lab.remining': '正在重新挖第 {block} 块：已尝试 {attempts} 个证明…',
    'lab.done': '所有区块都变绿了：重新挖了 {blocks}，共尝试 {attempts} 个证明。',
    'lab.capped': '已重新挖了 {blocks}；再按一次继续挖接下来的 {cap} 个。',
    'lab.stopped': '已停止。',
    'lab.edited': '已改动',
    'lab.broken': '证明被破坏',
    'lab.valid': '证明有效',
    'lab.asking': '正在询问节点…',
    'lab.verdictValid': '节点说：有效，共 {length} 个区块。',
    'lab.verdictInvalid': '节点说：无效，{rule}。',
    'lab.nodeWords': '节点的原话：{message}',
    'lab.proofField': '证明',
    'lab.timestampField': '时间戳',

    'wallet.title': '钱包',
    'wallet.create': '创建钱包',
    'wallet.importTitle': '导入密钥',
    'wallet.importLabel': '私钥（PKCS#8，base64，与这里导出的格式相同）',
    'wallet.import': '导入',
    'wallet.address': '地址',
    'wallet.balance': '余额',
    'wallet.available': '可用',
    'wallet.nextNonce': '下一个 nonce',
    'wallet.send': '发送，由本钱包签名',
    'wallet.to': '接收地址',
    'wallet.toPlaceholder': '64 个十六进制字符',
    'wallet.amountPlaceholder': '一个整数',
    'wallet.signAndSend': '签名并发送',
    'wallet.mine': '挖一个区块给我的钱包',
    'wallet.lookUp': '查询',
    'wallet.anyAddress': '任意地址',
    'wallet.exportTitle': '导出或忘记这个钱包',
    'wallet.exportWarning': '谁拿到这个密钥，谁就能花这个钱包的币；忘记的密钥无法找回。除非你从这里复制，密钥不会离开这个浏览器。',
    'wallet.showKey': '显示私钥',
    'wallet.forget': '忘记这个钱包',
    'wallet.open': '本节点使用教程的开放账本：任何人都能发送任何东西。网络中每个节点都用 -Dblockchain.ledger=signed 启动，'
      + '才有签名交易和余额。',
    'wallet.noCrypto': '这个浏览器在这里不能生成 Ed25519 密钥：WebCrypto 需要安全上下文（http://localhost、127.0.0.1 或 HTTPS），'
      + '并且浏览器的 WebCrypto 支持 Ed25519（较新的 Chromium、Firefox、Safari）。',
    'wallet.kept': '密钥在这个浏览器里生成并保存（localStorage），从不发送给节点。',
    'wallet.badKey': '这不是 PKCS#8、base64 格式的 Ed25519 私钥。',
    'wallet.badTo': '接收方必须是地址：64 个小写十六进制字符。',
    'wallet.badAmount': '金额必须是大于 0 的整数。',
    'wallet.minedTo': '第 {index} 块已挖出：本钱包得到 1',
    'wallet.lookup': '余额 {balance}，可用 {available}，下一个 nonce {nonce}',
    'wallet.unknown': '未知',
    'wallet.forgetConfirm': '忘记这个钱包？如果没有导出密钥，里面的币就丢了。',

    'pending.title': '待处理的交易',
    'pending.empty': '没有待处理的交易。',
    'chart.title': '最近 50 个区块',
    'chart.gap': '距上一个区块的秒数',
    'chart.count': '区块中的交易数',
    'chart.label': '区块间隔秒数和每块交易数',
    'chart.bar': '第 {index} 块：父块之后 {gap} 秒，{transactions}',
    'load.title': '负载，最近五分钟',
    'load.rate': '每秒请求数：',
    'load.flush': '磁盘刷写（组提交的写入和 fdatasync），平均：',
    'load.rateLabel': '最近五分钟的每秒请求数',
    'load.flushLabel': '最近五分钟的平均刷写时间',
    'load.requests': '每秒 {n} 个请求',
    'load.noWrites': '还没有写入',
    'load.max': '最大 {value}',
    'load.now': '现在',
    'token.title': '运维令牌',
    'token.token': '令牌',
    'token.kept': '只保存在这个浏览器标签页里，关闭即清除。',
    'token.use': '使用令牌',
    'token.cancel': '取消',
    'token.needed': '本节点需要运维令牌。',
  },
};

const STORED = 'blockchain-node.language';
export const LANGUAGES = Object.keys(WORDS);

/** 'zh', 'zh-cn', 'zh-Hans-CN' → 'zh-CN'; 'en-GB' → 'en'; anything else → null. */
function supported(tag) {
  if (!tag) return null;
  const lower = String(tag).toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return null;
}

function chosen() {
  const fromUrl = supported(new URLSearchParams(location.search).get('lang'));
  if (fromUrl) return fromUrl;
  const remembered = supported(localStorage.getItem(STORED));
  if (remembered) return remembered;
  for (const tag of navigator.languages || [navigator.language]) {
    const found = supported(tag);
    if (found) return found;
  }
  return 'en';
}

export let language = chosen();
const listeners = [];

/** The page's words for `key`, its {placeholders} filled from params ({n} also picks one or other). */
export function t(key, params = {}) {
  return tParts(key, params).map(String).join('');
}

/** As t, but params may be DOM nodes (links to blocks and peers), kept as nodes: a list for append(). */
export function tParts(key, params = {}) {
  let words = WORDS[language][key] ?? WORDS.en[key] ?? key;
  if (typeof words === 'object') words = params.n === 1 ? words.one : words.other;
  return words.split(/(\{\w+\})/).filter((part) => part !== '').map((part) => {
    const name = /^\{(\w+)\}$/.exec(part);
    return name && name[1] in params ? params[name[1]] : part;
  });
}

/** True when the page has words for key in some language. */
export function has(key) {
  return key in WORDS.en || key in WORDS[language];
}

/** Puts the page's words into every element marked data-i18n (text), -placeholder or -aria-label. */
export function translatePage(root = document) {
  document.documentElement.lang = language;
  for (const node of root.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(node.dataset.i18nPlaceholder);
  for (const node of root.querySelectorAll('[data-i18n-aria-label]')) node.setAttribute('aria-label', t(node.dataset.i18nAriaLabel));
  for (const node of root.querySelectorAll('[data-i18n-alt]')) node.alt = t(node.dataset.i18nAlt);
}

/** Runs fn whenever the reader switches language (each view redraws its own words). */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

/** Switches the page to lang, remembers the choice, and puts it in the address for a link to hand out. */
export function setLanguage(lang) {
  const next = supported(lang) || 'en';
  localStorage.setItem(STORED, next);
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  history.replaceState(null, '', url);
  if (next === language) return;
  language = next;
  translatePage();
  for (const fn of listeners) fn();
}

/** A clock time in the reader's language. */
export function clock(date) {
  return date.toLocaleTimeString(language);
}

/** A date and time in the reader's language. */
export function dateTime(date) {
  return date.toLocaleString(language);
}
