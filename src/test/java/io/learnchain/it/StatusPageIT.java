package io.learnchain.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The status page in a real headless Chromium, against the WAR in Jetty under a context path. */
class StatusPageIT {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private static TestNode node;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        node = TestNode.start("/blockchain", Map.of());
        profile = Files.createTempDirectory("chromium-profile-");
        browser = newBrowser(profile, "en-GB");
    }

    /** A headless Chromium whose language (its Accept-Language and navigator.languages) is {@code language}. */
    private static WebDriver newBrowser(Path userData, String language) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--user-data-dir=" + userData, "--window-size=1280,1800", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close();
        }
        if (profile != null) {
            TestNode.deleteRecursively(profile);
        }
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static void waitForText(String id, String text) {
        waitUpTo(15).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    /**
     * Three nodes side by side on a projector: each page shows its node's name in the header and
     * the tab title, on its own colour, and at 640 px nothing makes the page scroll sideways.
     */
    @Test
    void aNodesNameAndColourAreOnItsPageWhichFitsAThirdOfAProjector() {
        try (TestNode named = TestNode.start("/b", Map.of("blockchain.name", "Node B"))) {
            assertEquals(200, Http.get(named.url() + "/mine").status());
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(640, 1000));
            try {
                browser.get(named.url() + "/");
                waitForText("node-name", "Node B");
                waitUpTo(15).until(d -> "Node B · Blockchain node".equals(d.getTitle()));
                String colour = (String) ((JavascriptExecutor) browser).executeScript(
                        "return getComputedStyle(document.querySelector('header')).backgroundColor;");
                assertEquals(rgb(Http.get(named.url() + "/status").json().get("colour")), colour, "the colour /status gives");
                Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0, overflow.intValue(), "no page-wide horizontal scroll at 640 px");
                saveScreenshot("page-640.png");
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
                waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#blocks .block-card")).isEmpty());
                overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0, overflow.intValue(), "no page-wide horizontal scroll at 1920 px");
                saveScreenshot("page-1920.png");
            } finally {
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1800));
            }
        }
    }

    /** The browser's rgb(...) for a CSS colour, for comparing with a computed style. */
    private static String rgb(Object css) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const probe = document.createElement('i'); probe.style.color = arguments[0]; document.body.append(probe);"
                + "const rgb = getComputedStyle(probe).color; probe.remove(); return rgb;", css);
    }

    /**
     * The page's own canonical JSON and SHA-256 ({@code js/canonical.js}) against every vector
     * Python made: Python's json.dumps of each hash vector and its hash (WebCrypto, and the
     * module's own SHA-256 for pages opened over plain HTTP), and Python's repr of each float.
     */
    @Test
    void theCanonicalModuleMatchesEveryPythonVector() throws Exception {
        Path vectors = Path.of("src/test/resources/vectors");
        browser.get(node.url() + "/");
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const hashes = JSON.parse(arguments[0]).concat(JSON.parse(arguments[1]));"
                + "const floats = JSON.parse(arguments[2]);"
                + "import('./js/canonical.js').then(async (m) => {"
                + "  const bad = [];"
                + "  for (const v of hashes) {"
                + "    const dumped = m.pythonJsonDumps(m.parseExact(v.json));"
                + "    if (dumped !== v.canonical) bad.push('dumps ' + v.name);"
                + "    if (await m.sha256Hex(dumped) !== v.sha256) bad.push('sha256 ' + v.name);"
                + "    if (m.sha256HexOfBytes(new TextEncoder().encode(dumped)) !== v.sha256) bad.push('own sha256 ' + v.name);"
                + "  }"
                + "  for (const [bits, repr] of floats) {"
                + "    const view = new DataView(new ArrayBuffer(8)); view.setBigUint64(0, BigInt('0x' + bits));"
                + "    if (m.pythonFloatRepr(view.getFloat64(0)) !== repr) bad.push('repr ' + bits);"
                + "    if (m.pythonJsonDumps(m.parseExact(repr)) !== repr) bad.push('literal ' + repr);"
                + "  }"
                + "  done({checked: hashes.length + floats.length, bad: bad.slice(0, 20), secure: !!(crypto && crypto.subtle)});"
                + "}).catch((e) => done({error: String(e)}));",
                Files.readString(vectors.resolve("project/hash-vectors.json")),
                Files.readString(vectors.resolve("reference/hash-vectors.json")),
                Files.readString(vectors.resolve("project/float-vectors.json")));
        Map<?, ?> outcome = (Map<?, ?>) result;
        assertEquals(null, outcome.get("error"));
        assertEquals(List.of(), outcome.get("bad"));
        assertTrue(((Number) outcome.get("checked")).intValue() > 7_000, outcome.toString());
    }

    /**
     * Inside a block: the bytes the page shows are the node's canonical JSON of the block, their
     * SHA-256 is the block's hash, and the proof's hash starts with the difficulty's zeros, marked.
     */
    @Test
    void theInspectorShowsTheBytesHashedAndTheProofOfWork() {
        try (TestNode own = TestNode.start("/inspected", Map.of())) {
            inspect(own);
        }
    }

    private void inspect(TestNode inspected) {
        assertEquals(200, Http.get(inspected.url() + "/mine").status());
        io.learnchain.json.JsonArray chain = (io.learnchain.json.JsonArray) ((io.learnchain.json.JsonObject)
                Http.get(inspected.url() + "/chain").exact()).get("chain");
        int index = chain.size();
        io.learnchain.json.JsonObject block = (io.learnchain.json.JsonObject) chain.get(index - 1);
        browser.get(inspected.url() + "/");
        waitUpTo(15).until(d -> "true".equals(d.findElement(By.id("inspect-form")).getAttribute("data-ready")));
        type("inspect-index", String.valueOf(index));
        browser.findElement(By.cssSelector("#inspect-form button")).click();
        waitUpTo(15).withMessage(() -> "the inspector showed nothing; its error: "
                        + browser.findElement(By.id("inspect-error")).getText())
                .until(d -> !d.findElement(By.id("inspect-hash")).getText().isEmpty());
        assertEquals(io.learnchain.json.JsonWriter.canonical(block), browser.findElement(By.id("inspect-bytes")).getText());
        assertEquals(Http.get(inspected.url() + "/status").json().get("last_hash"), browser.findElement(By.id("inspect-hash")).getText());
        assertEquals("0000", browser.findElement(By.cssSelector("#inspect-proof .zeros")).getText());
        // a block's age keeps counting while the page stays open (the chain does not change meanwhile)
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#blocks .age")).isEmpty());
        String age = browser.findElement(By.cssSelector("#blocks .age")).getAttribute("textContent");
        waitUpTo(15).until(d -> !d.findElement(By.cssSelector("#blocks .age")).getAttribute("textContent").equals(age));
        assertTrue(browser.findElement(By.id("inspect-proof")).getText().contains("so " + block.get("proof") + " is a valid proof"),
                browser.findElement(By.id("inspect-proof")).getText());
    }

    /** A node that could not start shows why on its page, in its own words, as the first thing. */
    @Test
    void aNodeThatCannotStartSaysWhyOnItsPage() throws Exception {
        Path file = Files.createTempFile("not-a-directory-", "");
        try (TestNode failed = TestNode.start("/failed", Map.of("blockchain.dataDir", file.toString()))) {
            browser.get(failed.url() + "/");
            waitForText("problem", "is a file, not a directory");
            WebElement problem = browser.findElement(By.id("problem"));
            assertTrue(problem.isDisplayed());
            assertTrue(problem.getText().contains(file.toString()), problem.getText());
            waitForText("live", "not running");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    @Test
    void aPersonAddsATransactionMinesAndWatchesTheChainGrow() throws Exception {
        browser.get(node.url() + "/");
        waitForText("height", "1");
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

        // a transaction through the form; the hostile sender must stay text
        type("tx-sender", HOSTILE);
        type("tx-recipient", "bob");
        type("tx-amount", "5.0");
        browser.findElement(By.id("tx-submit")).click();
        waitForText("tx-result", "Transaction will be added to Block 2");
        waitForText("pending", HOSTILE);
        assertEquals(HOSTILE, browser.findElement(By.cssSelector("#pending td")).getText());
        assertEquals("5.0", browser.findElements(By.cssSelector("#pending td")).get(2).getText(), "the amount keeps its form");

        // the server's 400 message appears next to the field it names
        type("tx-sender", "alice");
        type("tx-recipient", "bob");
        type("tx-amount", "-1");
        browser.findElement(By.id("tx-submit")).click();
        waitForText("tx-amount-error", "amount must be greater than 0");
        assertEquals("true", browser.findElement(By.id("tx-amount")).getAttribute("aria-invalid"));

        // Mine: the forged block and its time are shown, the height changes without a reload
        browser.findElement(By.id("mine")).click();
        waitForText("mine-result", "Block #2 forged in");
        waitForText("height", "2");
        waitForText("pending-count", "0");

        // a change made elsewhere shows up by itself
        assertEquals(200, Http.get(node.url() + "/mine").status());
        waitForText("height", "3");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"));

        // the chain as cards, oldest on the left, each linked to its parent; opening block 2 shows its
        // transactions, the hostile one as text
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#blocks .block-card")).size() == 3);
        List<WebElement> blocks = browser.findElements(By.cssSelector("#blocks .block-card"));
        assertEquals("3", blocks.get(2).getAttribute("data-index"));
        assertTrue(blocks.get(2).getText().contains("parent"), blocks.get(2).getText());
        assertTrue(blocks.get(2).getText().contains("mined here"), blocks.get(2).getText());
        WebElement second = blocks.get(1);
        second.findElement(By.tagName("summary")).click();
        waitUpTo(5).until(d -> second.getText().contains(HOSTILE));
        assertEquals(0, browser.findElements(By.cssSelector("main img:not(#qr)")).size(), "no element was made from user text");
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript(
                "const qr = document.getElementById('qr'); return qr.complete && qr.naturalWidth > 0;"), "the QR code is drawn");
        assertEquals(0, (long) (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('[onerror]').length;"));
        assertEquals(3, browser.findElements(By.cssSelector("#chart rect")).size(), "one bar per block");

        // the load card draws requests per second and flush times from /metrics
        waitUpTo(15).until(d -> browser.findElement(By.id("flush-now")).getText().endsWith(" ms"));
        assertTrue(browser.findElement(By.id("rate-now")).getText().endsWith("requests/s"));
        assertTrue(browser.findElements(By.cssSelector("#rate-chart polyline")).size() >= 1, "a line of request rates");
        assertTrue(browser.findElements(By.cssSelector("#flush-chart polyline")).size() >= 1, "a line of flush times");

        saveScreenshot("page-en.png");
    }

    /** In the signed ledger mode the page is a wallet: a key made in the browser, mined to, spent from. */
    @Test
    void aWalletIsCreatedMinedToAndSpentFromInThePage() throws Exception {
        String bob = "b".repeat(64);
        try (TestNode signed = TestNode.start("/ledger", Map.of("blockchain.ledger", "signed"))) {
            browser.get(signed.url() + "/");
            waitUpTo(15).until(ExpectedConditions.visibilityOfElementLocated(By.id("wallet-create")));
            assertEquals(false, browser.findElement(By.id("tx-form")).isDisplayed(), "transactions come from the wallet");
            browser.findElement(By.id("wallet-create")).click();
            waitUpTo(10).until(d -> d.findElement(By.id("wallet-address")).getText().matches("[0-9a-f]{64}"));
            String address = browser.findElement(By.id("wallet-address")).getText();

            browser.findElement(By.id("wallet-mine")).click();
            waitForText("wallet-balance", "1");
            browser.findElement(By.id("wallet-mine")).click();
            waitForText("wallet-balance", "2");
            type("wallet-to", bob);
            type("wallet-amount", "1");
            browser.findElement(By.id("wallet-send-submit")).click();
            waitForText("wallet-result", "Transaction will be added to Block 4");
            waitForText("wallet-available", "1");
            waitForText("wallet-nonce", "2");
            browser.findElement(By.id("wallet-mine")).click();
            waitForText("wallet-balance", "2");
            type("wallet-lookup-address", bob);
            waitForText("wallet-lookup-result", "balance 1, available 1, next nonce 1");

            Map<String, Object> theirs = Http.get(signed.url() + "/balances/" + bob).json();
            assertEquals(1, ((Number) theirs.get("balance")).intValue());
            Map<String, Object> ours = Http.get(signed.url() + "/balances/" + address).json();
            assertEquals(2, ((Number) ours.get("balance")).intValue(), "3 rewards, 1 sent");
            assertTrue(Http.get(signed.url() + "/chain").body().contains(address), "the page's key signed a block's transaction");

            saveScreenshot("wallet.png");
        }
    }

    /** On a node with an operator's token, the page asks for it once, then mines and resolves with it. */
    @Test
    void thePageAsksForTheOperatorsTokenOnceWhenAnActionNeedsIt() {
        try (TestNode guarded = TestNode.start("/guarded", Map.of("blockchain.adminToken", "page-token-42"))) {
            browser.get(guarded.url() + "/");
            waitForText("height", "1");
            browser.findElement(By.id("mine")).click();
            waitUpTo(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-dialog")));
            assertTrue(browser.findElement(By.id("token-why")).getText().contains("operator's token"));
            type("token-input", "wrong");
            browser.findElement(By.id("token-submit")).click();
            waitForText("token-why", "The operator's token is wrong");
            type("token-input", "page-token-42");
            browser.findElement(By.id("token-submit")).click();
            waitForText("mine-result", "Block #2 forged in");
            browser.findElement(By.id("resolve")).click();
            waitForText("resolve-result", "Our chain is authoritative");
            assertEquals(false, browser.findElement(By.id("token-dialog")).isDisplayed(), "asked once");
            assertEquals(2, ((Number) Http.get(guarded.url() + "/chain").json().get("length")).intValue());
        }
    }

    /** Mine on another node: the block slides into this page's chain by itself, marked with the peer it came from. */
    @Test
    void aBlockMinedOnAPeerSlidesInMarkedWithWhereItCameFrom() {
        Map<String, String> pushOnly = Map.of("blockchain.syncIntervalMs", "0");
        try (TestNode watched = TestNode.start("/", pushOnly);
             TestNode peer = TestNode.start("/", Map.of("blockchain.syncIntervalMs", "0", "blockchain.name", "Node P"))) {
            assertEquals(201, Http.postJson(watched.url() + "/nodes/register", "{\"nodes\": [\"" + peer.url() + "\"]}").status());
            assertEquals(201, Http.postJson(peer.url() + "/nodes/register", "{\"nodes\": [\"" + watched.url() + "\"]}").status());
            assertEquals(200, Http.get(peer.url() + "/mine").status()); // the watched node takes the peer's chain (a reorg)
            waitUntilHeight(watched, 2);
            browser.get(watched.url() + "/");
            waitForText("height", "2");
            assertEquals(200, Http.get(peer.url() + "/mine").status());
            WebElement arrived = waitUpTo(15).until(d -> d.findElement(By.cssSelector("#blocks .block-card[data-index='3']")));
            waitUpTo(15).until(d -> arrived.getText().contains("from Node P")); // the name it gives itself, learnt from /network
            assertTrue(arrived.getAttribute("class").contains("arrived"), "a new block slides in: " + arrived.getAttribute("class"));
            assertTrue(!browser.findElement(By.cssSelector("#blocks .block-card[data-index='2']")).getAttribute("class").contains("arrived"),
                    "a block that was there when the page opened does not");
            // the feed says it in a sentence that links to the block
            waitUpTo(15).until(d -> d.findElement(By.id("feed")).getText().contains("block #3"));
            assertTrue(!browser.findElements(By.cssSelector("#feed a.block-link")).isEmpty());
        }
    }

    /** A peer that stops answering shows as down at once, and so does the page's own node when it stops. */
    @Test
    void aPeerOrTheNodeThatStopsAnsweringIsShownAsDown() {
        Map<String, String> pushOnly = Map.of("blockchain.syncIntervalMs", "0");
        TestNode watched = TestNode.start("/", pushOnly);
        try {
            TestNode peer = TestNode.start("/", pushOnly);
            String peerUrl = peer.url();
            try (peer) {
                assertEquals(201, Http.postJson(watched.url() + "/nodes/register", "{\"nodes\": [\"" + peerUrl + "\"]}").status());
                browser.get(watched.url() + "/");
                waitForText("peers", "answers");
            }
            assertEquals(200, Http.get(watched.url() + "/mine").status()); // its push to the stopped peer fails
            waitUpTo(15).until(d -> d.findElements(By.cssSelector("#peers .state-down")).size() == 1);
            assertTrue(browser.findElement(By.id("peers")).getText().contains("down"), browser.findElement(By.id("peers")).getText());
            waitUpTo(15).until(d -> d.findElement(By.id("feed")).getText().contains(peerUrl.replaceFirst("^http://", "") + " does not answer"));
        } finally {
            watched.close();
        }
        waitForText("live", "down since");
    }

    /**
     * The network view: a badge per node in its own page's colour, and the fork after it healed:
     * the block this node dropped stays, greyed, beside the chain that won, whose tip carries both
     * nodes' names.
     */
    @Test
    void theNetworkViewShowsEveryNodeAndTheForkAfterItHealed() throws Exception {
        try (TestNode a = TestNode.start("/", Map.of("blockchain.syncIntervalMs", "0", "blockchain.name", "Node A"));
             TestNode b = TestNode.start("/", Map.of("blockchain.syncIntervalMs", "0", "blockchain.name", "Node B"))) {
            assertEquals(201, Http.postJson(a.url() + "/transactions/new", "{\"sender\": \"alice\", \"recipient\": \"bob\", \"amount\": 1}")
                    .status());
            assertEquals(200, Http.get(a.url() + "/mine").status());
            String dropped = (String) Http.get(a.url() + "/status").json().get("last_hash");
            assertEquals(200, Http.get(b.url() + "/mine").status());
            assertEquals(200, Http.get(b.url() + "/mine").status());
            assertEquals(201, Http.postJson(a.url() + "/nodes/register", "{\"nodes\": [\"" + b.url() + "\"]}").status());
            waitUntilHeight(a, 3); // a takes b's longer chain and drops its own block 2, alice's payment going back to the pool
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
            try {
                browser.get(a.url() + "/");
                waitUpTo(15).until(d -> d.findElements(By.cssSelector("#network-nodes .lane")).size() == 2);
                List<WebElement> lanes = browser.findElements(By.cssSelector("#network-nodes .lane"));
                assertTrue(lanes.get(0).getText().contains("Node A") && lanes.get(1).getText().contains("Node B"));
                String bColour = rgb(Http.get(b.url() + "/status").json().get("colour"));
                assertEquals(bColour, ((JavascriptExecutor) browser).executeScript(
                        "return getComputedStyle(arguments[0]).backgroundColor;", lanes.get(1).findElement(By.className("lane-name"))),
                        "Node B's badge has the colour of Node B's own page");
                waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#network-tree .tree-block.side")).isEmpty());
                String tip = (String) Http.get(a.url() + "/status").json().get("last_hash");
                WebElement winner = browser.findElement(By.cssSelector("#network-tree .tree-block[data-hash='" + tip + "']"));
                assertTrue(winner.getText().contains("Node A") && winner.getText().contains("Node B"), winner.getText());
                assertTrue(!winner.getAttribute("class").contains("side"));
                // its journey, shown at once: mined by B, then taken by A from B
                waitUpTo(15).until(d -> d.findElement(By.id("network-journey")).getText().contains("Node B mined it"));
                String journey = browser.findElement(By.id("network-journey")).getText();
                assertTrue(journey.contains("Node A took it") && journey.contains("Node B's chain"), journey);
                // the loser, greyed, says who dropped it; clicked, what went back to the pool
                WebElement loser = browser.findElement(By.cssSelector("#network-tree .tree-block[data-hash='" + dropped + "']"));
                assertTrue(loser.getAttribute("class").contains("side") && loser.getText().contains("dropped by Node A"), loser.getText());
                loser.click();
                waitUpTo(15).until(d -> d.findElement(By.id("network-journey")).getText()
                        .contains("its 1 transaction went back to the pool"));
                assertTrue(browser.findElement(By.id("network-journey")).getText().contains("Node A mined it"));
                Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0, overflow.intValue(), "no page-wide horizontal scroll");
                System.out.println("network view: drawn in " + browser.findElement(By.id("network-card")).getAttribute("data-drawn-in")
                        + " ms (2 nodes)");
                // drawn larger for a projector: a third at 1920 px, 15% at a 1280 px projector (redrawn when the width changes)
                String zoom = "const svg = document.getElementById('network-tree');"
                        + "return Math.round(100 * svg.width.baseVal.value / svg.viewBox.baseVal.width);";
                assertEquals(135L, ((JavascriptExecutor) browser).executeScript(zoom));
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
                waitUpTo(15).until(d -> Long.valueOf(115).equals(((JavascriptExecutor) d).executeScript(zoom)));
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
                waitUpTo(15).until(d -> Long.valueOf(135).equals(((JavascriptExecutor) d).executeScript(zoom)));
                ((JavascriptExecutor) browser).executeScript("document.getElementById('network-card').scrollIntoView();");
                saveScreenshot("network.png");

                // a class's size: 20 nodes and 200 recent blocks (forks every 10 heights), drawn by the same module
                Map<?, ?> big = (Map<?, ?>) ((JavascriptExecutor) browser).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                        + "import('./js/network.js').then((m) => {"
                        + "  const nodes = [], blocks = []; let parent = 'g';"
                        + "  for (let i = 0; i < 20; i++) nodes.push({url: 'http://10.0.0.' + i + ':5000', name: 'node-' + (i + 1),"
                        + "    colour: 'hsl(' + (i * 18) + ', 70%, 32%)', speaks: 'network', height: 180, tip: 'h179', pending: 0,"
                        + "    answered: i % 7 !== 3, last_heard: new Date().toISOString(), peers: []});"
                        + "  for (let h = 1; h <= 180; h++) {"
                        + "    const got = nodes.map((n, i) => ({node: n.url, at: new Date(Date.now() + i * 40).toISOString(),"
                        + "      how: i ? 'pushed' : 'mined', from: i ? nodes[i - 1].url : undefined}));"
                        + "    blocks.push({hash: 'h' + h, parent, height: h, tip_of: h === 180 ? nodes.map((n) => n.url) : [],"
                        + "      main_of: nodes.map((n) => n.url), got, dropped: []});"
                        + "    if (h % 10 === 0) blocks.push({hash: 's' + h, parent, height: h, tip_of: [], main_of: [], got: got.slice(0, 2),"
                        + "      dropped: [{node: nodes[0].url, at: new Date().toISOString(), returned: 1}]});"
                        + "    parent = 'h' + h; }"
                        + "  blocks.sort((a, b) => a.height - b.height);"
                        + "  const times = [];"
                        + "  for (let run = 0; run < 5; run++) { m.renderNetwork({at: new Date().toISOString(), nodes, blocks});"
                        + "    times.push(Number(document.getElementById('network-card').dataset.drawnIn)); }"
                        + "  done({blocks: blocks.length, drawn: document.querySelectorAll('#network-tree .tree-block').length,"
                        + "    steps: document.querySelectorAll('#network-journey li').length,"
                        + "    side: document.querySelectorAll('#network-tree .tree-block.side').length, times});"
                        + "}).catch((e) => done({error: String(e)}));");
                assertEquals(null, big.get("error"));
                assertEquals(((Number) big.get("blocks")).intValue(), ((Number) big.get("drawn")).intValue(), "each block drawn once");
                assertEquals(18, ((Number) big.get("side")).intValue(), "the forks' blocks greyed");
                assertEquals(20, ((Number) big.get("steps")).intValue(), "the newest block's journey through 20 nodes");
                System.out.println("network view: 20 nodes and " + big.get("blocks") + " blocks drawn in " + big.get("times") + " ms");
            } finally {
                browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1800));
            }
        }
    }

    private static void waitUntilHeight(TestNode node, int height) {
        waitUpTo(15).until(d -> ((Number) Http.get(node.url() + "/status").json().get("length")).intValue() == height);
    }

    /**
     * The tamper lab: changing block 2's amount breaks block 3's proof and every one after it
     * (the lab carries each new hash forward, as a forger would), the node says which block and
     * rule; re-mining in the page's worker makes every block green, and then the node agrees.
     */
    @Test
    void theTamperLabTurnsLaterBlocksRedAndReMiningMakesThemGreen() {
        try (TestNode lab = TestNode.start("/lab", Map.of())) {
            assertEquals(201, Http.postJson(lab.url() + "/transactions/new", "{\"sender\": \"alice\", \"recipient\": \"bob\", \"amount\": 5.0}").status());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, Http.get(lab.url() + "/mine").status());
            }
            browser.get(lab.url() + "/");
            waitForText("height", "4");
            browser.findElement(By.id("lab-copy")).click();
            waitUpTo(15).until(d -> d.findElements(By.cssSelector("#lab-blocks .lab-card.valid")).size() == 4);
            WebElement amount = browser.findElement(By.cssSelector("#lab-blocks .lab-card[data-index='2'] input[data-field='amount']"));
            assertEquals("5.0", amount.getAttribute("value"), "the amount as the node stored it");
            amount.sendKeys("0"); // 5.00 is the float 5.0 to Python's json.loads: the same bytes hashed, nothing breaks
            waitUpTo(15).until(d -> d.findElement(By.cssSelector("#lab-blocks .lab-card[data-index='2']")).getAttribute("class").contains("edited"));
            assertEquals(0, browser.findElements(By.cssSelector("#lab-blocks .lab-card.broken")).size());
            amount.sendKeys(Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, Keys.BACK_SPACE, "500.0");
            waitUpTo(15).until(d -> d.findElements(By.cssSelector("#lab-blocks .lab-card.broken")).size() == 2);
            assertEquals(List.of("3", "4"), browser.findElements(By.cssSelector("#lab-blocks .lab-card.broken")).stream()
                    .map(e -> e.getAttribute("data-index")).toList());
            assertTrue(browser.findElement(By.cssSelector("#lab-blocks .lab-card[data-index='2']")).getAttribute("class").contains("valid"),
                    "the edited block's own proof still holds: it covers its parent, not its transactions");

            browser.findElement(By.id("lab-ask")).click();
            waitForText("lab-verdict", "invalid, block 3");
            assertTrue(browser.findElement(By.id("lab-verdict")).getText().contains("proof"), browser.findElement(By.id("lab-verdict")).getText());

            browser.findElement(By.id("lab-remine")).click();
            waitUpTo(60).withMessage(() -> browser.findElement(By.id("lab-progress")).getText())
                    .until(d -> d.findElements(By.cssSelector("#lab-blocks .lab-card.valid")).size() == 4);
            waitForText("lab-progress", "Every block is green: 2 blocks re-mined");
            browser.findElement(By.id("lab-ask")).click();
            waitForText("lab-verdict", "The node says: valid, 4 blocks.");
            assertEquals(4, ((Number) Http.get(lab.url() + "/chain").json().get("length")).intValue(), "the node's chain is untouched");
            saveScreenshot("tamper-lab.png");
        }
    }

    /** A browser set to Chinese gets the page in Chinese; the node's data and API messages stay as they are. */
    @Test
    void aChineseBrowserGetsThePageInChinese() throws Exception {
        Path chineseProfile = Files.createTempDirectory("chromium-profile-zh-");
        WebDriver chinese = newBrowser(chineseProfile, "zh-CN");
        try (TestNode node = TestNode.start("/zh", Map.of())) {
            assertEquals(200, Http.get(node.url() + "/mine").status());
            chinese.get(node.url() + "/");
            WebDriverWait wait = new WebDriverWait(chinese, Duration.ofSeconds(15));
            wait.until(d -> d.findElement(By.id("chain-title")).getText().equals("区块链"));
            assertEquals("zh-CN", chinese.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals("挖一个区块", chinese.findElement(By.id("mine")).getText());
            wait.until(d -> d.findElement(By.id("feed")).getText().contains("挖出第"));
            wait.until(d -> !d.findElements(By.cssSelector("#blocks .block-card")).isEmpty());
            assertTrue(chinese.findElement(By.id("blocks")).getText().contains("本节点挖出"), chinese.findElement(By.id("blocks")).getText());
            wait.until(d -> !d.findElements(By.cssSelector("#network-nodes .lane")).isEmpty());
            chinese.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            saveScreenshot(chinese, "page-zh-CN.png");
            chinese.manage().window().setSize(new org.openqa.selenium.Dimension(640, 1000));
            saveScreenshot(chinese, "page-zh-CN-640.png");
            // the network view's journey, in Chinese at a projector's 1280 px
            chinese.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
            wait.until(d -> d.findElement(By.id("network-journey")).getText().contains("挖出了它"));
            ((JavascriptExecutor) chinese).executeScript("document.getElementById('network-card').scrollIntoView();");
            saveScreenshot(chinese, "network-zh-CN.png");

            // the switch changes the page at once, and is remembered over ?lang= links' absence
            new org.openqa.selenium.support.ui.Select(chinese.findElement(By.id("language"))).selectByValue("en");
            wait.until(d -> d.findElement(By.id("chain-title")).getText().equals("The chain"));
            assertTrue(chinese.getCurrentUrl().contains("lang=en"), chinese.getCurrentUrl());
            chinese.get(node.url() + "/");
            wait.until(d -> d.findElement(By.id("mine")).getText().equals("Mine a block"));
            // a link a teacher hands out wins over the browser and the remembered choice
            chinese.get(node.url() + "/?lang=zh-CN");
            wait.until(d -> d.findElement(By.id("mine")).getText().equals("挖一个区块"));
        } finally {
            chinese.quit();
            TestNode.deleteRecursively(chineseProfile);
        }
    }

    private static void saveScreenshot(String name) {
        saveScreenshot(browser, name);
    }

    /** Into target/screenshots (scripts/update-screenshots.sh copies the README's to docs/). */
    private static void saveScreenshot(WebDriver driver, String name) {
        try {
            Path shot = Path.of("target", "screenshots", name);
            Files.createDirectories(shot.getParent());
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void thePageIsServedWithAPolicyThatForbidsInlineScript() {
        Http.Answer page = Http.get(node.url() + "/");
        assertEquals(200, page.status());
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"), policy);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("nosniff", Http.get(node.url() + "/chain").header("X-Content-Type-Options"));
        assertEquals("nosniff", Http.get(node.url() + "/nowhere").header("X-Content-Type-Options"));
        assertTrue(!page.body().contains("<script>") && page.body().contains("src=\"js/main.js\""), "no inline script, relative URLs");
    }
}
