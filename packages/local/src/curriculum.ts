/** The demo course's content: what a Suzhou agency teaches new hosts (Internet Marketer, level 5). */
const levels = (a: string, b: string, c: string, d: string, e: string) => [a, b, c, d, e];

export const demoCurriculum = {
  modules: [
    {
      title: "第一单元 开播前：选品与卖点",
      lessons: [
        {
          title: "选品的三个问题：毛利、复购、售后",
          body: "## 选品\n\n- 毛利够不够支付坑位费和佣金？\n- 用户会不会回购？\n- 售后（退货、破损）谁来兜底？",
          minutes: 45,
        },
        {
          title: "把卖点说成买点：以徐州牛肉月饼为例",
          body: "卖点是产品有什么，买点是观众为什么现在就买。\n\n例：**现烤现发**、**整块牛肉**、**老字号**。",
          minutes: 40,
        },
      ],
    },
    {
      title: "第二单元 话术与合规",
      lessons: [
        { title: "开场三十秒留人话术", body: "福利预告 → 痛点提问 → 产品亮相。", minutes: 30 },
        {
          title: "广告法违禁词：不说“最”“第一”“国家级”",
          body: "绝对化用语、虚假功效、医疗用语一律不说。食品不得宣称治疗作用。",
          minutes: 50,
          videoURL: "https://example.cn/zhubo/compliance.mp4",
        },
      ],
    },
    {
      title: "第三单元 镜头、灯光与推流",
      lessons: [
        { title: "手机直播的三点布光", body: "主光 45°、辅光补阴影、轮廓光分离背景。", minutes: 35 },
        { title: "OBS 推流设置：分辨率、码率与关键帧", body: "720p 30fps，码率 2.5–3.5 Mbps，关键帧间隔 2 秒。", minutes: 40 },
      ],
    },
  ],
  requirement: { minutes: 600, sessions: 10 },
  rubric: [
    { name: "产品知识", weight: 25, levels: levels("说错产品信息", "只会念参数", "讲清主要卖点", "卖点结合场景", "能答各种追问") },
    { name: "镜头表现", weight: 20, levels: levels("不看镜头", "表情僵硬", "自然大方", "有感染力", "个人风格鲜明") },
    { name: "互动留人", weight: 20, levels: levels("不理弹幕", "偶尔回应", "及时回应", "主动引导互动", "节奏把控出色") },
    { name: "话术合规（无违禁词）", weight: 20, levels: levels("多次违规", "一次违规", "无违规", "主动规避风险表述", "合规且有说服力") },
    { name: "技术质量", weight: 15, levels: levels("画面声音不可用", "时有卡顿", "清晰稳定", "布光收音良好", "专业级画面") },
  ],
};
