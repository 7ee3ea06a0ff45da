-- A demo consultation of the Public Works Department (generated from the park amendment test
-- fixture with parseDraft), open for comment, with a few comments. Its workflow starts from the outbox.
-- Idempotent: safe to apply again. Its officer (u-officer-pwd) comes from seeds/demo.sql.
INSERT OR IGNORE INTO consultations (id, agency_id, created_by, title, legal_basis, summary, contact, attachments, draft_source, draft_json,
  draft_kind, identity_level, comment_period, urgency_reason, response_period, state, opens_at, closes_at, response_due_at, created_at, updated_at)
VALUES ('C20261120-DEM0P1', 'TPE-PWD', 'u-officer-pwd', '臺北市公園管理自治條例部分條文修正草案', '地方制度法第二十五條',
  '為因應共融式遊戲場之推動及強化公園使用管理，擬具本自治條例部分條文修正草案，歡迎各界提供意見。',
  '臺北市政府工務局公園路燈工程管理處，電話 (02) 2781-5115；亦可於本平台逐條留言。',
  '[{"name":"修正草案總說明.pdf","url":"https://example.org/park-amendment.pdf","mediaType":"application/pdf"}]',
  '# 臺北市公園管理自治條例部分條文修正草案條文對照表

總說明：
臺北市公園管理自治條例（以下簡稱本自治條例）自中華民國七十二年制定公布施行，
歷經多次修正。為因應共融式遊戲場之推動及強化公園使用管理，爰擬具本自治條例部分條文修正草案，
其修正要點如下：
一、明定主管機關及執行機關。（修正條文第二條）
二、增訂公園審議會之設置。（修正條文第三條之一）

## 條文對照表

## 第一章 總則

### 第2條
修正條文：
第二條　本自治條例之主管機關為臺北市政府（以下簡稱市政府），並以臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）為執行機關。
現行條文：
第二條　本自治條例之主管機關為臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）。
說明：
配合組織分工，明定主管機關為市政府，並以管理處為執行機關。

### 第3條
修正條文：
第三條　本自治條例所稱公園，指下列場所：
一、都市計畫公園用地上已開闢之公園。
二、兒童遊樂場，包括：
（一）獨立設置之兒童遊樂場。
（二）附設於公園內之共融式遊戲場。
三、經市政府公告之綠地及廣場。
前項第三款之公告，應刊登市政府公報。
現行條文：
第三條　本自治條例所稱公園，指下列場所：
一、都市計畫公園用地上已開闢之公園。
二、兒童遊樂場。
三、經市政府公告之綠地、廣場。
說明：
一、第一項第二款酌作修正，明定兒童遊樂場之範圍，包括共融式遊戲場。
二、第一項第三款文字修正。
三、增訂第二項，明定公告方式。

### 第3條之1（公園審議會）
修正條文：
第三條之一　市政府為審議公園之設置、變更及廢止事項，得設臺北市公園審議會（以下簡稱審議會）。
審議會置委員十五人至二十一人，其中專家學者及民間團體代表不得少於二分之一；任一性別委員不得少於三分之一。
現行條文：
（無）
說明：
一、本條新增。
二、為落實公民參與，明定審議會之設置及組成。

## 第二章 公園之使用

### 第7條
修正條文：
第七條　於公園內不得有下列行為：
一、攀折花木或損壞公園設施。
二、（刪除）
三、任意丟棄垃圾、菸蒂或其他廢棄物。
四、未經許可擺設攤販或兜售物品。
五、攜帶寵物未繫牽繩，或未清除寵物排泄物。
現行條文：
第七條　於公園內不得有下列行為：
一、攀折花木或損壞公園設施。
二、在非指定地點游泳、划船或垂釣。
三、任意丟棄垃圾或其他廢棄物。
四、未經許可擺設攤販或兜售物品。
說明：
一、第二款刪除，相關行為移列第八條規範。
二、第三款增列菸蒂。
三、增訂第五款。

## 第三章 罰則

### 第12條
修正條文：
第十二條　違反第七條規定者，處新臺幣一千二百元以上六千元以下罰鍰。
違反第八條規定，經勸導而不聽從者，處新臺幣三千元以上一萬五千元以下罰鍰，並得按次處罰。
現行條文：
第十二條　違反第七條或第八條規定者，處新臺幣一千二百元以上六千元以下罰鍰。
說明：
區分違規情節，分別定其罰鍰額度。

### 第14條
修正條文：
（刪除）
現行條文：
第十四條　依本自治條例所處之罰鍰，經限期繳納，屆期仍不繳納者，依法移送強制執行。
說明：
本條刪除，相關事項依行政執行法規定辦理。

## 第四章 附則

### 第15條
修正條文：
第十五條　本自治條例自公布日施行。
本自治條例修正條文施行日期，由市政府定之。
現行條文：
第十五條　本自治條例自公布日施行。
說明：
增訂第二項，明定修正條文施行日期。
', '{"kind":"amendment","title":"臺北市公園管理自治條例部分條文修正草案條文對照表","generalExplanation":"臺北市公園管理自治條例（以下簡稱本自治條例）自中華民國七十二年制定公布施行，歷經多次修正。為因應共融式遊戲場之推動及強化公園使用管理，爰擬具本自治條例部分條文修正草案，其修正要點如下：\n一、明定主管機關及執行機關。（修正條文第二條）\n二、增訂公園審議會之設置。（修正條文第三條之一）","chapters":[{"number":1,"label":"第一章","title":"總則","sections":[],"articleNumbers":["2","3","3-1"]},{"number":2,"label":"第二章","title":"公園之使用","sections":[],"articleNumbers":["7"]},{"number":3,"label":"第三章","title":"罰則","sections":[],"articleNumbers":["12","14"]},{"number":4,"label":"第四章","title":"附則","sections":[],"articleNumbers":["15"]}],"articles":[{"number":"2","label":"第二條","anchor":"a2","chapter":{"number":1,"label":"第一章","title":"總則"},"line":14,"current":"本自治條例之主管機關為臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）。","explanation":"配合組織分工，明定主管機關為市政府，並以管理處為執行機關。","status":"amended","text":"本自治條例之主管機關為臺北市政府（以下簡稱市政府），並以臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）為執行機關。","paragraphs":[{"anchor":"a2/p1","index":1,"start":0,"end":60,"text":"本自治條例之主管機關為臺北市政府（以下簡稱市政府），並以臺北市政府工務局公園路燈工程管理處（以下簡稱管理處）為執行機關。","subparagraphs":[]}]},{"number":"3","label":"第三條","anchor":"a3","chapter":{"number":1,"label":"第一章","title":"總則"},"line":22,"current":"本自治條例所稱公園，指下列場所：\n一、都市計畫公園用地上已開闢之公園。\n二、兒童遊樂場。\n三、經市政府公告之綠地、廣場。","explanation":"一、第一項第二款酌作修正，明定兒童遊樂場之範圍，包括共融式遊戲場。\n二、第一項第三款文字修正。\n三、增訂第二項，明定公告方式。","status":"amended","text":"本自治條例所稱公園，指下列場所：\n一、都市計畫公園用地上已開闢之公園。\n二、兒童遊樂場，包括：\n（一）獨立設置之兒童遊樂場。\n（二）附設於公園內之共融式遊戲場。\n三、經市政府公告之綠地及廣場。\n前項第三款之公告，應刊登市政府公報。","paragraphs":[{"anchor":"a3/p1","index":1,"start":0,"end":96,"text":"本自治條例所稱公園，指下列場所：\n一、都市計畫公園用地上已開闢之公園。\n二、兒童遊樂場，包括：\n（一）獨立設置之兒童遊樂場。\n（二）附設於公園內之共融式遊戲場。\n三、經市政府公告之綠地及廣場。","subparagraphs":[{"anchor":"a3/p1/s1","index":1,"start":17,"end":35,"text":"一、都市計畫公園用地上已開闢之公園。","items":[]},{"anchor":"a3/p1/s2","index":2,"start":36,"end":80,"text":"二、兒童遊樂場，包括：\n（一）獨立設置之兒童遊樂場。\n（二）附設於公園內之共融式遊戲場。","items":[{"anchor":"a3/p1/s2/i1","index":1,"start":48,"end":62,"text":"（一）獨立設置之兒童遊樂場。"},{"anchor":"a3/p1/s2/i2","index":2,"start":63,"end":80,"text":"（二）附設於公園內之共融式遊戲場。"}]},{"anchor":"a3/p1/s3","index":3,"start":81,"end":96,"text":"三、經市政府公告之綠地及廣場。","items":[]}]},{"anchor":"a3/p2","index":2,"start":97,"end":115,"text":"前項第三款之公告，應刊登市政府公報。","subparagraphs":[]}]},{"number":"3-1","label":"第三條之一","anchor":"a3-1","chapter":{"number":1,"label":"第一章","title":"總則"},"title":"公園審議會","line":41,"current":null,"explanation":"一、本條新增。\n二、為落實公民參與，明定審議會之設置及組成。","status":"new","text":"市政府為審議公園之設置、變更及廢止事項，得設臺北市公園審議會（以下簡稱審議會）。\n審議會置委員十五人至二十一人，其中專家學者及民間團體代表不得少於二分之一；任一性別委員不得少於三分之一。","paragraphs":[{"anchor":"a3-1/p1","index":1,"start":0,"end":40,"text":"市政府為審議公園之設置、變更及廢止事項，得設臺北市公園審議會（以下簡稱審議會）。","subparagraphs":[]},{"anchor":"a3-1/p2","index":2,"start":41,"end":93,"text":"審議會置委員十五人至二十一人，其中專家學者及民間團體代表不得少於二分之一；任一性別委員不得少於三分之一。","subparagraphs":[]}]},{"number":"7","label":"第七條","anchor":"a7","chapter":{"number":2,"label":"第二章","title":"公園之使用"},"line":53,"current":"於公園內不得有下列行為：\n一、攀折花木或損壞公園設施。\n二、在非指定地點游泳、划船或垂釣。\n三、任意丟棄垃圾或其他廢棄物。\n四、未經許可擺設攤販或兜售物品。","explanation":"一、第二款刪除，相關行為移列第八條規範。\n二、第三款增列菸蒂。\n三、增訂第五款。","status":"amended","text":"於公園內不得有下列行為：\n一、攀折花木或損壞公園設施。\n二、（刪除）\n三、任意丟棄垃圾、菸蒂或其他廢棄物。\n四、未經許可擺設攤販或兜售物品。\n五、攜帶寵物未繫牽繩，或未清除寵物排泄物。","paragraphs":[{"anchor":"a7/p1","index":1,"start":0,"end":92,"text":"於公園內不得有下列行為：\n一、攀折花木或損壞公園設施。\n二、（刪除）\n三、任意丟棄垃圾、菸蒂或其他廢棄物。\n四、未經許可擺設攤販或兜售物品。\n五、攜帶寵物未繫牽繩，或未清除寵物排泄物。","subparagraphs":[{"anchor":"a7/p1/s1","index":1,"start":13,"end":27,"text":"一、攀折花木或損壞公園設施。","items":[]},{"anchor":"a7/p1/s2","index":2,"start":28,"end":34,"text":"二、（刪除）","items":[]},{"anchor":"a7/p1/s3","index":3,"start":35,"end":53,"text":"三、任意丟棄垃圾、菸蒂或其他廢棄物。","items":[]},{"anchor":"a7/p1/s4","index":4,"start":54,"end":70,"text":"四、未經許可擺設攤販或兜售物品。","items":[]},{"anchor":"a7/p1/s5","index":5,"start":71,"end":92,"text":"五、攜帶寵物未繫牽繩，或未清除寵物排泄物。","items":[]}]}]},{"number":"12","label":"第十二條","anchor":"a12","chapter":{"number":3,"label":"第三章","title":"罰則"},"line":74,"current":"違反第七條或第八條規定者，處新臺幣一千二百元以上六千元以下罰鍰。","explanation":"區分違規情節，分別定其罰鍰額度。","status":"amended","text":"違反第七條規定者，處新臺幣一千二百元以上六千元以下罰鍰。\n違反第八條規定，經勸導而不聽從者，處新臺幣三千元以上一萬五千元以下罰鍰，並得按次處罰。","paragraphs":[{"anchor":"a12/p1","index":1,"start":0,"end":28,"text":"違反第七條規定者，處新臺幣一千二百元以上六千元以下罰鍰。","subparagraphs":[]},{"anchor":"a12/p2","index":2,"start":29,"end":72,"text":"違反第八條規定，經勸導而不聽從者，處新臺幣三千元以上一萬五千元以下罰鍰，並得按次處罰。","subparagraphs":[]}]},{"number":"14","label":"第十四條","anchor":"a14","chapter":{"number":3,"label":"第三章","title":"罰則"},"line":83,"current":"依本自治條例所處之罰鍰，經限期繳納，屆期仍不繳納者，依法移送強制執行。","explanation":"本條刪除，相關事項依行政執行法規定辦理。","status":"deleted","text":"","paragraphs":[]},{"number":"15","label":"第十五條","anchor":"a15","chapter":{"number":4,"label":"第四章","title":"附則"},"line":93,"current":"本自治條例自公布日施行。","explanation":"增訂第二項，明定修正條文施行日期。","status":"amended","text":"本自治條例自公布日施行。\n本自治條例修正條文施行日期，由市政府定之。","paragraphs":[{"anchor":"a15/p1","index":1,"start":0,"end":12,"text":"本自治條例自公布日施行。","subparagraphs":[]},{"anchor":"a15/p2","index":2,"start":13,"end":34,"text":"本自治條例修正條文施行日期，由市政府定之。","subparagraphs":[]}]}]}', 'amendment', 'email_verified', '60d', NULL, '30d', 'scheduled',
  '2026-11-20T01:00:00.000Z', '2027-01-19T16:00:00.000Z', '2027-02-18T15:59:59.999Z', '2026-11-20T01:00:00.000Z', '2026-11-20T01:00:00.000Z');
INSERT OR IGNORE INTO outbox (kind, aggregate_id, payload, next_attempt_at, created_at)
  VALUES ('start_consultation_workflow', 'C20261120-DEM0P1', '{"consultationId":"C20261120-DEM0P1","agencyId":"TPE-PWD","opensAt":"2026-11-20T01:00:00.000Z","closesAt":"2027-01-19T16:00:00.000Z","responsePeriod":"30d","closures":[]}', '2026-11-20T01:00:00.000Z', '2026-11-20T01:00:00.000Z');
INSERT OR IGNORE INTO consultation_comments (id, consultation_id, author_id, article, anchor, passage_start, passage_end, passage_text, body, submitted_at) VALUES
  ('KDEM0C0MMENT1', 'C20261120-DEM0P1', 'u-citizen', '3', 'a3/p1/s2/i2', NULL, NULL, NULL, '共融式遊戲場應明定無障礙設計標準。', '2026-11-21T02:00:00.000Z'),
  ('KDEM0C0MMENT2', 'C20261120-DEM0P1', 'u-citizen-en', '7', 'a7', NULL, NULL, NULL, 'Please keep the ban on fishing in ponds: it protects the wildlife.', '2026-11-22T03:00:00.000Z'),
  ('KDEM0C0MMENT3', 'C20261120-DEM0P1', 'u-helper', NULL, NULL, NULL, NULL, NULL, '整體支持本次修正，建議施行前加強宣導。', '2026-11-23T04:00:00.000Z');
INSERT OR IGNORE INTO consultation_follows (consultation_id, user_id, at) VALUES ('C20261120-DEM0P1', 'u-citizen', '2026-11-21T02:00:00.000Z');
